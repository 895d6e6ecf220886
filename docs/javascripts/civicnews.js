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
    var base = new URL("..", url).pathname;
    // The archive is indexed in shards (by year, the newest year by months): the newest is the
    // bundle itself, the others are listed in shards.json and merged into one search by Pagefind.
    var shards = fetch(url.href + "shards.json").then(function (r) {
      return r.ok ? r.json() : { merge: [] };
    }).catch(function () { return { merge: [] }; });
    searchReady = Promise.all([
      shards,
      addOnce("link", { rel: "stylesheet", href: url.href + "pagefind-ui.css" }),
      addOnce("script", { src: url.href + "pagefind-ui.js" })
    ]).then(function (loaded) {
      /* global PagefindUI */
      new PagefindUI({
        element: "#cn-search",
        bundlePath: url.pathname,
        baseUrl: base,
        mergeIndex: (loaded[0].merge || []).map(function (path) {
          return { bundlePath: new URL(path, url).pathname, baseUrl: base };
        }),
        showImages: false,
        showSubResults: false,
        excerptLength: 40,
        autofocus: true,
        translations: { placeholder: "搜索文章，例如：创卫", zero_results: "没有找到与 [SEARCH_TERM] 相关的文章" }
      });
      // Pagefind's input is labelled by its placeholder only: give it a real accessible name.
      var input = document.querySelector("#cn-search input");
      if (input) input.setAttribute("aria-label", "搜索文章");
    });
    return searchReady;
  }

  function toggleSearch(button, refocus) {
    var p = panel();
    var open = p.hasAttribute("hidden");
    if (open) p.removeAttribute("hidden"); else p.setAttribute("hidden", "");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      loadSearch().then(function () {
        var input = p.querySelector("input");
        if (input) input.focus();
      });
    } else if (refocus) {
      button.focus();  // closing from inside the panel must not drop focus to <body>
    }
  }

  function searchButton() { return document.querySelector("[data-cn-search]"); }

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
      var b = searchButton();
      if (b) toggleSearch(b, true);
    }
  });

  // Tabbing (or clicking) out of the open panel closes it, so it never covers what has focus.
  var searchPanel = panel();
  if (searchPanel) {
    searchPanel.addEventListener("focusout", function (ev) {
      var to = ev.relatedTarget, b = searchButton();
      if (!to || searchPanel.hasAttribute("hidden") || searchPanel.contains(to) || to === b) return;
      if (b) toggleSearch(b, false);
    });
  }

  // Share: the phone's own share sheet where there is one, copying the address everywhere.
  var shareBox = document.querySelector("[data-cn-share-box]");
  if (shareBox) {
    var status = shareBox.querySelector("[role=status]");
    var share = shareBox.querySelector("[data-cn-share]");
    if (navigator.share && share) share.removeAttribute("hidden");
    shareBox.removeAttribute("hidden");
    shareBox.addEventListener("click", function (ev) {
      var t = ev.target.closest("button");
      if (!t) return;
      var url = location.href.split("#")[0];
      if (t.hasAttribute("data-cn-share")) {
        navigator.share({ title: document.title, url: url }).catch(function () { /* dismissed */ });
        return;
      }
      var done = function () { status.textContent = "链接已复制"; };
      var fail = function () { status.textContent = "请复制地址：" + url; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, fail);
      } else {
        var field = document.createElement("textarea");
        field.value = url; field.setAttribute("readonly", ""); field.style.position = "fixed";
        field.style.opacity = "0"; document.body.appendChild(field); field.select();
        try { if (document.execCommand("copy")) done(); else fail(); } catch (e) { fail(); }
        document.body.removeChild(field);
      }
    });
  }

  // The printed address (when the build had no site_url) and the way back to the list the
  // reader came from (a page of this site, not the article before).
  document.querySelectorAll("[data-cn-here]").forEach(function (el) {
    if (!el.textContent) el.textContent = location.href.split("#")[0];
  });
  var back = document.querySelector("[data-cn-back]");
  if (back && document.referrer) {
    try {
      var from = new URL(document.referrer), home = new URL(back.getAttribute("href"), location.href);
      if (from.origin === home.origin && from.pathname.indexOf(home.pathname) === 0 &&
          !/\/a\/[^/]+\/$/.test(from.pathname) && from.pathname !== location.pathname) {
        back.setAttribute("href", from.href);
        // From a district's list: 上一篇/下一篇 within that district instead of the whole site.
        document.querySelectorAll("nav[data-cn-district]").forEach(function (nav) {
          var dir = new URL(nav.getAttribute("data-cn-district"), location.href).pathname;
          if (from.pathname.indexOf(dir) !== 0) return;
          var site = document.querySelector("nav.cn-prevnext:not([data-cn-district])");
          if (site) site.setAttribute("hidden", "");
          nav.removeAttribute("hidden");
        });
      }
    } catch (e) { /* no usable referrer: the link goes home */ }
  }

  // Wide tables (the editors' report) scroll sideways: make them reachable by keyboard.
  // Material wraps them from its own script, which may run after this one.
  function labelScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (el) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "表格");
    });
  }
  labelScrollers();
  window.addEventListener("load", labelScrollers);

  // The drawer and search toggles are checkboxes without autocomplete="off" (invalid HTML):
  // a page shown again from the back/forward cache starts with them closed.
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box) box.checked = false;
    });
  });

  var large = document.querySelector("[data-cn-textsize]");
  if (large && root.classList.contains("cn-large")) large.setAttribute("aria-pressed", "true");
})();
