"""Credits stage: who wrote a story, from credits of every shape a page prints.

A credit opens a story (本报讯（记者 X 通讯员 Y）, 义乌讯（…）, ■柯城采访小组 X Y, （记者 X）, 记者X报道：),
closes it on its own line (作者 X, ■作者 X, 来源：X, 记者 X 通讯员 Y, 文/图 X) or at the end of its
last paragraph (…。（记者 X） or （X）). Each shape is one pattern below; ``parse_credit`` reads the
roles and names out of any of them. Role words are the editor's (``roles.yml``) plus any word
ending in 记者 (全媒体记者, 海报新闻记者), so a new paper's roles need no new rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .model import Credit
from .patterns import CJK
from .rules import DEFAULT_DIR, Rules

# Words that stand for "the author" when no role is printed (来源：周佳, 撰稿：王德康, （李之永））.
AUTHOR_WORDS = ("作者", "来源", "撰稿人", "撰稿", "供稿人", "供稿", "文/图", "图/文", "文", "图文")
AUTHOR_ROLE = "作者"
# Names under these are editors, not reporters (the corpus and gold leave editors out).
EDITOR_WORDS = ("责任编辑", "编辑", "责编", "审核", "校对", "美编", "监制", "审校", "值班")
# A token that ends like this is a unit (县融媒体中心, 永康日报), not a person's name.
UNIT_ENDINGS = ("报", "网", "台", "中心", "局", "委", "办", "站", "社", "部", "县", "市", "区", "镇", "乡",
                "街道", "村", "组", "处", "室", "会", "院", "厅", "所", "队", "馆")
# A story's opening credit is found in its first this many characters.
LEAD_SPAN = 90

_NAME = rf"[{CJK}·]{{2,4}}"
# 本报讯（…）, 义乌讯（…）, 本报永康4月3日讯（…）, 新华社北京3月5日电（…）
_LEAD_DATELINE = re.compile(rf"^(?P<dateline>[{CJK}0-9·]{{0,18}}?(?:讯|电|消息))\s*[（(](?P<inner>[^（()）]{{2,80}})[）)]\s*")
# 本报讯 记者X报道：… / 本报讯 … without a bracket
_LEAD_BARE_DATELINE = re.compile(rf"^(?P<dateline>本报讯|本台讯|本刊讯|本网讯|融媒讯|[{CJK}]{{2,8}}网讯)\s*")
# (记者 X 通讯员 Y) opening a story without a dateline
_LEAD_BRACKET = re.compile(r"^[（(](?P<inner>[^（()）]{0,12}(?:记者|通讯员)[^（()）]{2,60})[）)]\s*")
# 记者 X 报道：
_LEAD_REPORTED = re.compile(rf"^(?P<inner>[^，。：:]{{0,12}}记者\s*{_NAME}(?:[ 、]{_NAME})*)\s*报道[：:]\s*")
# A trailing bracket at a paragraph's end: （记者 X 通讯员 Y）, （李之永）, (通讯员 A 记者 B)
_TRAIL = re.compile(r"[（(](?P<inner>[^（()）]{2,60})[）)]\s*$")


def _role_words(rules: Rules) -> tuple[str, ...]:
    return tuple(sorted({*rules.roles, *AUTHOR_WORDS, *EDITOR_WORDS, "通讯员", "实习生", "摄影", "摄像"},
                        key=len, reverse=True))


@lru_cache(maxsize=8)
def _role_token(words: tuple[str, ...], suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """A role at the start of a token: a known word, any …记者, or a team (…采访组)."""
    # a one-character role (文, 图) only before a slash or colon: 文明 is no role
    known = "|".join(re.escape(w) if len(w) > 1 else f"{re.escape(w)}(?=[/／：:])" for w in words)
    teams = "|".join(map(re.escape, suffixes)) or "采访小组"
    return re.compile(rf"^(?P<role>[{CJK}·]{{0,12}}?(?:{teams})|[{CJK}·]{{0,10}}记者|[{CJK}]{{0,4}}?编辑|{known})[：:]?")


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """Single and compound surnames from rules/surnames.yml, read once."""
    data = yaml.safe_load((DEFAULT_DIR / "surnames.yml").read_text(encoding="utf-8")) or {}
    return frozenset(str(data.get("single") or "")), tuple(data.get("compound") or ())


def has_surname(token: str) -> bool:
    """True when a token opens with a Chinese surname (a bare name needs one to count).

    >>> has_surname("李之永"), has_surname("详见附件"), has_surname("欧阳明日")
    (True, False, True)
    """
    single, compound = _surnames()
    return token[:1] in single or token.startswith(compound)


def looks_like_name(token: str) -> bool:
    """A person's name: 2–4 Chinese characters (a dot inside for some), not a unit.

    >>> looks_like_name("郑旭华"), looks_like_name("永康日报"), looks_like_name("欧阳明日")
    (True, False, True)
    """
    return bool(re.fullmatch(_NAME, token)) and not token.endswith(UNIT_ENDINGS)


def _surname_weight(name: str) -> float:
    """How much a name-sized chunk opens like a name: 1 plus a little for a more common
    surname (surnames.yml lists them by frequency), 0 when it opens with none."""
    single, compound = _surnames()
    if name.startswith(compound):
        return 1.0
    rank = _surname_rank().get(name[:1])
    return 0.0 if rank is None else 1.0 + 0.5 * (1 - rank / max(len(single), 1))


@lru_cache(maxsize=1)
def _surname_rank() -> dict[str, int]:
    data = yaml.safe_load((DEFAULT_DIR / "surnames.yml").read_text(encoding="utf-8")) or {}
    return {ch: k for k, ch in reversed(list(enumerate(str(data.get("single") or ""))))}


# A run of this many characters after a role word is names only when every piece of its best
# cut opens with a surname; else it is text a PDF tool glued into the credit (许伟置在县城主要街道…).
# Measured on fitting-part typeset pages (seeds 12 and 13): 5 lifts reporters_f1 of pdfminer
# 0.652 → 0.662 and pdftotext 0.590 → 0.595 (seed 13), 7 and 9 less; text seeds 97–99 the same.
MIN_TEXT_RUN = 5


def _split_run(token: str) -> list[str]:
    """Names run together in a narrow column or with their spaces lost (胡晶晶李丹丹, 韦辉刘元迪):
    the cut into 2- and 3-character names (4 after a compound surname) whose names most open
    with a common surname; of equal cuts, threes (most names have three characters).

    >>> _split_run("胡晶晶李丹丹"), _split_run("韦辉刘元迪"), _split_run("李爽爽")
    (['胡晶晶', '李丹丹'], ['韦辉', '刘元迪'], ['李爽爽'])
    >>> _split_run("欧阳明日"), _split_run("王伟李明"), _split_run("朱志应宋建明郑文斌")
    (['欧阳明日'], ['王伟', '李明'], ['朱志应', '宋建明', '郑文斌'])
    >>> _split_run("置在县城主要街道")
    ['置在县城主要街道']
    """
    n = len(token)
    _, compound = _surnames()
    if n <= 3 or "·" in token or n == 4 and token.startswith(compound):
        return [token]
    # best[k]: the best (score, cut) of token[:k]
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for k in range(n):
        if best[k] is None:
            continue
        score, cut = best[k]  # type: ignore[misc]
        sizes = (2, 3, 4) if token[k:].startswith(compound) else (2, 3)
        for size in sizes:
            if k + size > n:
                continue
            name = token[k: k + size]
            # what a piece adds beyond being a piece: its surname's commonness (a cut into more
            # pieces must earn each: 宋建明郑文斌 is two names, not 宋建 明郑 文斌), -1 for none
            weight = _surname_weight(name)
            value = score + (weight - 1.0 if weight else -1.0) + (0.1 if size >= 3 else 0.0)
            if best[k + size] is None or value > best[k + size][0]:  # type: ignore[index]
                best[k + size] = (value, [*cut, name])
    end = best[n]
    if end is None or n == 4 and not any(_surname_weight(name) for name in end[1][1:]):
        return [token]  # a 4-character name, or no cut that opens a second name
    if n >= MIN_TEXT_RUN and not all(_surname_weight(name) for name in end[1]):
        return [token]  # a long run with a piece that opens like no name: text glued on
    return end[1]


# A photographer's credit (胡强峰 摄, 记者 王明 摄): names the photos, not the story's writers
# (the corpus's annotators list no photographer). On fitting-part typeset pages taking them out
# lifted reporters_f1 by 0.006–0.021 for every tool (seeds 12 and 13); text seeds the same.
_PHOTO_CREDIT = re.compile(rf"(?:(?:记者|通讯员)\s*)?{_NAME}(?:\s+{_NAME})*\s*摄(?![影像])")


def parse_credit(text: str, rules: Rules) -> Credit:
    """Dateline, reporters and roles from a credit as printed, whatever its shape.

    >>> from civicnews.rules import load_rules
    >>> c = parse_credit("本报讯 （记者 吴怡婧 通讯员 张霞艳）", load_rules())
    >>> c.dateline, c.reporters, c.roles
    ('本报讯', ['吴怡婧', '张霞艳'], {'吴怡婧': '记者', '张霞艳': '通讯员'})
    >>> parse_credit("■作者 郭学红", load_rules()).roles
    {'郭学红': '作者'}
    >>> parse_credit("来源：周佳", load_rules()).reporters
    ['周佳']
    >>> parse_credit("全媒体记者李爽爽", load_rules()).roles
    {'李爽爽': '全媒体记者'}
    >>> parse_credit("记者了解到，为努力", load_rules()).reporters
    []
    >>> parse_credit("■柯城采访小组 毛霄云 姚沐水", load_rules()).roles
    {'毛霄云': '柯城采访小组', '姚沐水': '柯城采访小组'}
    >>> parse_credit("（记者 张三 编辑 李四）", load_rules()).reporters
    ['张三']
    >>> parse_credit("本版编辑 罗明", load_rules()).reporters
    []
    >>> parse_credit("胡强峰 摄", load_rules()).reporters, parse_credit("文/王明 图/李华 摄", load_rules()).reporters
    ([], ['王明'])
    >>> parse_credit("讯（融媒 见习记 者郑旭 华）日", load_rules()).roles
    {'郑旭华': '融媒见习记者'}
    >>> parse_credit("（大河客户端记者郑松波邵占坤实习生岳媛通讯员司利强）", load_rules()).roles
    {'郑松波': '大河客户端记者', '邵占坤': '大河客户端记者', '岳媛': '实习生', '司利强': '通讯员'}
    >>> parse_credit("本台讯（见习记者董鹏飞首席记者伏怡记者胡永士）", load_rules()).roles
    {'董鹏飞': '见习记者', '伏怡': '首席记者', '胡永士': '记者'}
    """
    credit = Credit(text=text)
    body = text.strip().lstrip(rules.byline_marks + "□●◆ ").strip()
    m = _LEAD_DATELINE.match(body) or _LEAD_BARE_DATELINE.match(body)
    if m:
        # a bare 讯 is the end of a dateline broken off at a column's edge: no dateline to tell
        credit.dateline = m.group("dateline") if len(m.group("dateline")) > 1 else None
        body = m.group("inner") if "inner" in m.groupdict() else body[m.end():]
    body = re.sub(r"报道[：:]?$", "", re.sub(r"[（()）【】\[\]]", " ", body)).strip()
    body = _PHOTO_CREDIT.sub(" ", body).strip()
    _read_names(credit, body, rules)
    if not credit.reporters and " " in body:
        # letters spread or a column broken inside the credit (融媒 见习记 者郑旭 华): read it
        # with its spaces taken out; names run together are cut by surname
        _read_names(credit, re.sub(r"\s+", "", body), rules)
    # roles and names all run together (见习记者董鹏飞首席记者伏怡记者胡永士, a letter-spaced
    # column's spaces taken out): with two role words or more and fewer names found, read again
    # with the role words set apart, and keep the reading that finds more names
    roles = len(_spaced_roles(rules).findall(body))
    spaced = _spaced_roles(rules).sub(r" \1 ", body)
    if roles >= 2 and len(credit.reporters) < roles and spaced.split() != body.split():
        again = Credit(text=text, dateline=credit.dateline)
        _read_names(again, spaced, rules)
        if len(again.reporters) > len(credit.reporters):
            return again
    return credit


@lru_cache(maxsize=8)
def _spaced_roles_for(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(" + "|".join(re.escape(w) for w in words if len(w) >= 2 and w.isalpha()) + ")")


def _spaced_roles(rules: Rules) -> re.Pattern[str]:
    """The role words of two or more characters, longest first, as one pattern."""
    return _spaced_roles_for(_role_words(rules))


def _read_names(credit: Credit, body: str, rules: Rules) -> None:
    """Add the names of a credit's role-and-name text to ``credit``."""
    words = _role_words(rules)
    pattern = _role_token(words, rules.group_suffixes)
    role: str | None = None
    for token in re.split(r"[\s、，,；;]+", body):
        token = token.strip("：:")
        glued = False  # names run into the role word before them (记者李明, or 记者了解到)
        while token:
            rm = pattern.match(token)
            if rm and rm.group("role"):
                role = rm.group("role")
                glued = rm.end() < len(token) and token[rm.end()] not in "：: "
                token = token[rm.end():].strip("：: ")
                continue
            inner = _inner_role(token, words)
            if inner:  # a role word run into the names before it (岳媛通讯员司利强): names first
                token, rest = token[:inner], token[inner:]
            else:
                rest = ""
            bare = re.sub(f"[^{CJK}·]", "", token)
            # names run together are cut only after a role word: a bare run is words
            for name in _split_run(bare) if role is not None else [bare]:
                authorless = role is None or role in AUTHOR_WORDS
                # after 来源/供稿 a unit may stand; after 作者 or 文/ only people do
                # …and a name run into its role word must open like one: 记者了解到 is text
                needs_surname = role is None or glued or role.startswith(("来源", "供稿"))
                if role is not None and role.endswith(EDITOR_WORDS) or not looks_like_name(name) or name in credit.roles:
                    continue
                if needs_surname and not has_surname(name):
                    if glued:  # the role word was text (记者了解到): what follows is text too
                        role = None
                    continue  # a bare word with no role before it must at least open like a name
                normalized = AUTHOR_ROLE if authorless else role
                credit.reporters.append(name)
                credit.roles[name] = normalized
            token = rest


def _inner_role(token: str, words: tuple[str, ...]) -> int:
    """Where a role word of two or more characters begins inside a token (0: none there).

    >>> _inner_role("岳媛通讯员司利强", ("通讯员", "记者")), _inner_role("王明", ("记者",))
    (2, 0)
    """
    found = [k for k in (token.find(w, 1) for w in words if len(w) >= 2 and w.isalpha()) if k > 0]
    return min(found, default=0)


# A whole line of role words and names: 记者 X 通讯员 Y, 作者：X, ■作者 X, 来源：X, 文/图 X.
_CREDIT_LINE = re.compile(
    rf"^[■□●◆]?\s*[（(]?\s*(?:[{CJK}/／]{{0,8}}(?:(?:记者|通讯员|作者|来源|撰稿人?|摄影|实习生|供稿人?)\s*[：:/／]?"
    rf"|(?:文|图)\s*[：:/／])\s*"
    rf"[{CJK}·]{{2,4}}(?:[ 、,，]+[{CJK}·]{{2,4}})*\s*)+[）)]?$"
)


def credit_shaped(text: str) -> bool:
    """A line shaped like a credit (role words, then name-like tokens), whether or not the names
    are known names: never a headline.

    >>> credit_shaped("文/许东升 正仁"), credit_shaped("文明出行 全民行动")
    (True, False)
    """
    return len(text) <= 40 and _CREDIT_LINE.match(text.strip()) is not None


def is_credit_line(text: str) -> bool:
    """A line that is only a credit: role words and names, nothing else.

    >>> is_credit_line("来源：熊家余 谢慧敏"), is_credit_line("记者了解到，开发区")
    (True, False)
    >>> is_credit_line("文/朱志应 郑文斌"), is_credit_line("（记者 钱嘉宜）"), is_credit_line("文明出行 全民行动")
    (True, True, False)
    """
    if len(text) > 40 or not _CREDIT_LINE.match(text.strip()):
        return False
    return all(has_surname(name) for name in _names_in(text))


# 文 and 图 are role words only before a slash or colon (文/X, 图：Y): inside a name they are
# its characters (郑文斌).
_ROLE_WORDS = re.compile(r"[^\s：:/／]*?(?:(?:记者|通讯员|作者|来源|撰稿人|撰稿|摄影|实习生|供稿人|供稿)[：:/／]?"
                         r"|(?:文|图)[：:/／])")


def _names_in(text: str) -> list[str]:
    """The name tokens of a credit line, role words taken out."""
    bare = _ROLE_WORDS.sub(" ", text.strip().lstrip("■□●◆"))
    return [t for t in re.split(r"[\s、,，]+", bare) if t]


def has_names(text: str, rules: Rules) -> bool:
    """True when a credit names at least one person."""
    return bool(parse_credit(text, rules).reporters)


def _group_credit(rules: Rules) -> re.Pattern[str]:
    """■柯城采访小组 A B C run into the text: names space separated, the last one cut at three
    characters unless a mark ends it sooner (a name glued to Chinese text cannot be told)."""
    marks = re.escape(rules.byline_marks or "■")
    teams = "|".join(map(re.escape, rules.group_suffixes)) or "采访小组"
    roles = "|".join(map(re.escape, rules.roles))
    name = rf"[{CJK}]{{{rules.name_min},{rules.name_max}}}"
    last = rf"[{CJK}]{{{rules.name_min},3}}(?=[^{CJK}\s])"
    names = rf"(?:{name}\s+)*(?:{name}(?=\s|$)|{last})"
    return re.compile(rf"^[{marks}]\s*(?P<inner>[^\s]*(?:{teams}|{roles})\s*{names})\s*")


def split_lead_credit(text: str, rules: Rules) -> tuple[str | None, str]:
    """Cut the credit a story opens with off its first paragraph: (credit, the rest).

    >>> from civicnews.rules import load_rules
    >>> split_lead_credit("本报讯（融媒记者 郑旭华）近日，开发区召开会议。", load_rules())
    ('本报讯（融媒记者 郑旭华）', '近日，开发区召开会议。')
    >>> split_lead_credit("近日，开发区召开会议。", load_rules())
    (None, '近日，开发区召开会议。')
    """
    head = text[:LEAD_SPAN]
    for pattern in (_LEAD_DATELINE, _LEAD_BRACKET, _LEAD_REPORTED, _group_credit(rules)):
        m = pattern.match(head)
        if m and has_names(m.group(0), rules):
            return m.group(0).strip(), text[m.end():].strip()
    m = _LEAD_DATELINE.match(head)
    if m:  # a dateline whose bracket holds no person (本报讯（综合）)
        return m.group(0).strip(), text[m.end():].strip()
    m = _LEAD_BARE_DATELINE.match(head)
    if m:
        rest = text[m.end():]
        reported = _LEAD_REPORTED.match(rest)
        if reported:
            return (m.group(0) + reported.group(0)).strip(), rest[reported.end():].strip()
        return m.group(0).strip(), rest.strip()
    return None, text


def opens_with_dateline(text: str, rules: Rules) -> bool:
    """The text opens with a story's dateline: a bare one (本报讯, 融媒讯, X网讯) or X讯/X电 with
    a bracket naming a person (义乌讯（记者 王明）). A story begins there, whatever else the line
    looks like.

    >>> from civicnews.rules import load_rules
    >>> opens_with_dateline("本报讯（全媒体记者 张勇峰）7月14日，全", load_rules())
    True
    >>> opens_with_dateline("义乌讯（记者 王明）近日", load_rules()), opens_with_dateline("新能源发电（光伏）项目", load_rules())
    (True, False)
    """
    if _LEAD_BARE_DATELINE.match(text):
        return True
    m = _LEAD_DATELINE.match(text[:LEAD_SPAN])
    return bool(m) and has_names(m.group(0), rules)


def split_trailing_credit(text: str, rules: Rules) -> tuple[str, str | None]:
    """Cut a credit in brackets off a story's last paragraph: (the rest, credit).

    >>> from civicnews.rules import load_rules
    >>> split_trailing_credit("活动取得圆满成功。（记者 张龙 通讯员 王芳）", load_rules())
    ('活动取得圆满成功。', '（记者 张龙 通讯员 王芳）')
    >>> split_trailing_credit("群众满意度提升（见图）。", load_rules())
    ('群众满意度提升（见图）。', None)
    """
    m = _TRAIL.search(text)
    if not m:
        return text, None
    inner = m.group("inner").strip()
    tokens = inner.split()
    role_word = re.search("记者|通讯员|作者|摄影", inner)
    names_only = 1 <= len(tokens) <= 4 and all(looks_like_name(t) and has_surname(t) for t in tokens)
    if (role_word or names_only) and has_names(inner, rules):
        return text[: m.start()].rstrip(), m.group(0)
    return text, None
