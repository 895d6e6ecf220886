// civicnews portal: large-type toggle and the Pagefind search panel (loaded on first use, so
// pages that are only read never download the search code).
(function () {
  "use strict";
  var root = document.documentElement;
  var searchReady = null;

  function panel() { return document.getElementById("cn-search-panel"); }

  function bundle() {
    // base_url is relative to the page; resolve it so the site works under any path prefix.
    return new URL(panel().getAttribute("data-base") + "pagefind/", location.href);
  }

  function addOnce(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function loadSearch() {
    if (searchReady) return searchReady;
    var url = bundle();
    searchReady = Promise.all([
      addOnce("link", { rel: "stylesheet", href: url.href + "pagefind-ui.css" }),
      addOnce("script", { src: url.href + "pagefind-ui.js" })
    ]).then(function () {
      /* global PagefindUI */
      new PagefindUI({
        element: "#cn-search",
        bundlePath: url.pathname,
        baseUrl: new URL("..", url).pathname,
        showImages: false,
        showSubResults: false,
        excerptLength: 40,
        autofocus: true,
        translations: { placeholder: "搜索文章，例如：创卫", zero_results: "没有找到与 [SEARCH_TERM] 相关的文章" }
      });
    });
    return searchReady;
  }

  function toggleSearch(button) {
    var p = panel();
    var open = p.hasAttribute("hidden");
    if (open) p.removeAttribute("hidden"); else p.setAttribute("hidden", "");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      loadSearch().then(function () {
        var input = p.querySelector("input");
        if (input) input.focus();
      });
    }
  }

  function toggleLarge(button) {
    var on = root.classList.toggle("cn-large");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    try { localStorage.setItem("cn-large", on ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest && ev.target.closest("[data-cn-search],[data-cn-textsize]");
    if (!t) return;
    if (t.hasAttribute("data-cn-search")) toggleSearch(t); else toggleLarge(t);
  });

  document.addEventListener("keydown", function (ev) {
    var p = panel();
    if (ev.key === "Escape" && p && !p.hasAttribute("hidden")) {
      var b = document.querySelector("[data-cn-search]");
      if (b) toggleSearch(b);
    }
  });

  var large = document.querySelector("[data-cn-textsize]");
  if (large && root.classList.contains("cn-large")) large.setAttribute("aria-pressed", "true");
})();
