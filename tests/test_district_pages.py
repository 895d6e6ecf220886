"""District pages and feeds over the national gazetteer: province → city → county → town, and a
county's page and feed carrying its towns' stories."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from civicnews.site import feeds, pages
from civicnews.site.articles import ArticleMeta, newest_first, parse_article
from civicnews.site.fixtures import article_markdown

PATHS = {"柯城区": ["浙江省", "衢州市"], "石梁镇": ["浙江省", "衢州市", "柯城区"],
         "义乌市": ["浙江省", "金华市"], "海淀区": ["北京市"]}
ORDER = ["北京市", "海淀区", "浙江省", "金华市", "义乌市", "衢州市", "柯城区", "石梁镇"]


def art(art_id: str, date: str = "2023-04-03", **kwargs: object) -> ArticleMeta:
    return parse_article(article_markdown(art_id, "标题", date=date, **kwargs))  # type: ignore[arg-type]


def test_index_nests_province_city_county_town_with_counts() -> None:
    arts = newest_first([art("a", districts=["柯城区", "石梁镇"]), art("b", districts=["石梁镇"]),
                         art("c", districts=["义乌市"]), art("d", districts=["海淀区"])])
    got = {p.src_uri: p.content for p in pages.district_pages(arts, {}, ORDER, paths=PATHS)}
    index = got["districts/index.md"]
    assert re.findall(r"<h2>(.*?)</h2>", index) == ["北京市", "浙江省"]
    assert re.findall(r"<h3>(.*?)</h3>", index) == ["金华市", "衢州市"]
    counts = dict(re.findall(r'href="[^"]+">([^<]+)<span class="cn-count">(\d+)</span>', index))
    # 柯城区 counts the story tagged only with its town 石梁镇
    assert counts == {"海淀区": "1", "义乌市": "1", "柯城区": "2", "石梁镇": "2"}
    assert index.index("柯城区") < index.index('class="cn-counts cn-towns"') < index.index("石梁镇")
    assert re.findall(r'href="[./]*a/([^/"]+)/"', got["districts/柯城区/index.md"]) == ["a", "b"]


def test_county_feed_carries_its_towns_stories() -> None:
    arts = newest_first([art("a", districts=["柯城区"]), art("b", date="2023-04-02", districts=["石梁镇"]),
                         art("c", districts=["义乌市"])])
    out = feeds.site_feeds(arts, "https://example.org/", "县域新闻", paths=PATHS)
    channel = ET.fromstring(out["districts/柯城区/rss.xml"]).find("channel")
    assert channel is not None
    links = [i.findtext("link") for i in channel.iter("item")]
    assert len(links) == 2 and all(link and "/a/" in link for link in links)
    town = ET.fromstring(out["districts/石梁镇/rss.xml"]).find("channel")
    assert town is not None and len(list(town.iter("item"))) == 1
