"""Step 2, clean: raw text to an :class:`Article`.

Infers the line structure (:func:`unwrap`: hard-wrapped paragraphs become one
line each, other line breaks stay and end a sentence candidate), takes out
what a reader of the article would skip, and keeps it apart:

* terminal control sequences and other control characters (they must never
  reach a terminal, and they carry no meaning);
* a title line at the start, and sub-headings: short lines without final
  punctuation that stand apart (after a blank line, a sentence end or another
  line taken out, and not continued by a next line in lower case);
* boilerplate lines: bylines, "PUBLISHED: ... UPDATED: ..." stamps, copyright
  lines, "Advertisement", "Read more:"-style links, share prompts and
  promotional calls to action (an imperative marketing verb plus site, app or
  newsletter vocabulary; a weaker match suffices in the block of lines that
  ends the article, where such footers live);
* a wire-service dateline glued to the first words ("(CNN)The ...").

A web page's metadata (:class:`SourceInfo`) is cleaned here too: each field
becomes one line without control characters, and the title loses the site
name that pages append to it ("... | BBC News", "... - The Guardian").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields, replace
from urllib.parse import urlsplit

from newsdigest.model import Article, SourceInfo
from newsdigest.sanitise import ESCAPE_SEQUENCES as _ANSI
from newsdigest.sanitise import line as _shown
from newsdigest.words import word_count, word_count_at_most

#: A heading or title has at most this many words.
MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 20
#: Boilerplate lines are short; a longer line is a paragraph, whose glued-on
#: boilerplate sentences are caught sentence by sentence (see segment.py).
MAX_PROMO_WORDS = 45

# C0 and C1 controls except tab and newline, DEL, and the bidi overrides that
# can reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# White space within a line other than the plain space.
_OTHER_SPACES = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_OTHER_SPACE = re.compile(f"[{_OTHER_SPACES}]")
# Runs of white space within a line, except a single plain space (replacing
# that with itself would be every gap between words).
_SPACES = re.compile(f"[ {_OTHER_SPACES}]{{2,}}|[{_OTHER_SPACES}]")
# An address has one "@" and starts after a space or an "@": started anywhere
# inside a long token, "\S+@" would rescan the token from every character.
_LINK = re.compile(r"(?:https?://|www\.)\S+|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+", re.IGNORECASE)
_WORD_OR_NUMBER = re.compile(r"\w+(?:['’.,-]\w+)*")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_CLAUSE_END = re.compile(r"[,;:]$")
_INNER_SENTENCE_END = re.compile(r"[.!?…]\s")

_DATELINE = re.compile(
    r"""^(?:[A-Z][\w.'’ ,-]{0,40}?\s*)?              # optional place: "Moscow ", "WASHINGTON, D.C. "
        \((?:CNN|AP|AFP|Reuters|Bloomberg|UPI|dpa|PA|EFE|Xinhua|ANSA|IANS|PTI|ANI)[\w ]{0,20}\)
        \s*(?:[-–—]+\s*)?""",
    re.VERBOSE,
)
_STAMP = re.compile(
    r"""^(?:By\s*\.?\s+[^.|\n]{1,80}?\s*\.\s*)?      # "By . Jane Doe . "
        (?:(?:PUBLISHED|UPDATED|Published|Updated|Last\s+updated(?:\s+at)?)\s*:
           \s*[^|\n]*?\b\d{4}\b[\s.|]*)+""",
    re.VERBOSE,
)
_BYLINE = re.compile(
    r"^by\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin))*"
    r"(?:\s*[,|/–—-]\s*.{0,60})?$",  # names in capitals: "Par ailleurs, ..." is no byline
)
_BOILERPLATE = re.compile(
    r"""^(?:
        advertisement|advert|sponsored(?:\s+content)?|skip\s+advertisement|story\s+continues\s+below
        |scroll\s+(?:down|to\s+continue)\b.*|continue\s+reading\b.*|(?:click|tap)\s+here\b.*
        |(?:see|read)\s+the\s+original\s+(?:story|article|post)\b.*
        |(?:also|must)\s+read\b.*|read\s+(?:more|also|next|this)\b.*|see\s+also\b.*
        |(?:related|recommended|more\s+from|more\s+on\s+this|trending)(?:\s+(?:stories|articles|news|videos?|links?|topics?))?\s*[:|»›>-].*
        |(?:related|recommended)(?:\s+(?:stories|articles|news|videos?|links?|topics?))?
        |(?:watch|listen|video|photos?|gallery)\s*[:|»›].*
        |share\s+(?:this|on|via|the\s+story|article)\b.*|share|tweet|email|print|comments?
        |(?:©|\(c\)|copyright\b).*|all\s+rights\s+reserved\b.*
        |(?:published|updated|last\s+updated|posted|first\s+published)\b[^.]{0,60}\d[^.]{0,40}
        |(?:photo|image|picture|video)\s*(?:credit)?\s*:.*|credit\s*:.*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_MARKETING_VERBS = frozenset(
    """discover stay find get download subscribe sign join follow check click tap obtain explore
    read watch listen register try unlock grab enjoy visit install bookmark like share catch
    never don't dont keep""".split()
)
_MARKETING_VOCAB = re.compile(
    r"""\b(?:latest|news|updates?|updated|app|apps|newsletters?|inbox|subscri\w+|alerts?|notifications?
        |podcasts?|exclusive|curated|insights?|best\s+of|trends?|breaking|daily|weekly|weekend
        |free|premium|offers?|deals?|social\s+media|twitter|facebook|instagram|whatsapp|telegram
        |youtube|linkedin|one\s+place|website|for\s+you|your|expert\s+opinions?|sign\s+up|click
        |channel|coverage|stories)\b""",
    re.VERBOSE | re.IGNORECASE,
)


#: Social networks a follow prompt names.
_NETWORKS = (
    r"(?:facebook|twitter|x|instagram|tiktok|youtube|linkedin|threads|bluesky|mastodon|snapchat|pinterest"
    r"|telegram|whatsapp|flipboard|google\s?news|social\s+media|sociale?n?\s+(?:medien|netzwerken)"
    r"|réseaux\s+sociaux|redes\s+sociales|redes\s+sociais|social\s+network|sociala\s+medier)"
)
#: Photo and wire agencies that close an image credit ("… / Getty Images").
_PHOTO_AGENCIES = (  # as they write themselves: "(Pa)" is a unit, "(PA)" the agency
    r"(?-i:Getty(?:\s+Images)?|AFP|AP(?:\s+(?:Photo|Images))?|Reuters|REUTERS|EPA(?:-EFE)?|Shutterstock|Alamy"
    r"|iStock(?:photo)?|dpa|Keystone|KEYSTONE|picture[-\s]alliance|[Ii]mago(?:\s+[Ii]mages)?|IMAGO|PA(?:\s+(?:Wire|Images|Media))?"
    r"|Bloomberg|Unsplash|Pexels|Flickr|Wikimedia(?:\s+Commons)?|SIPA|Sipa(?:\s+Press)?|Anadolu|Xinhua|EFE|ANSA|TT|NTB"
    r"|ČTK|CTK|PAP|ABACA|Abaca|ZUMA(?:\s+Press)?|REX|Rex\s+Features|ullstein(?:\s+bild)?|[Pp]rivat|[Hh]andout)"
)
#: Per kind, the shapes of lines a reader of the article skips. Each kind
#: lists the common form in English and in each supported language where
#: there is one (cs de el en es fr it pl pt sv). Lines are at most
#: MAX_PROMO_WORDS words; "label:" kinds are shorter still (see _KIND_WORDS).
_KIND_PATTERNS: dict[str, re.Pattern[str]] = {
    # "(Reporting by …; editing by …)", "Additional reporting by", "… contributed to this report",
    # "Source: Reuters", "Mit Material von dpa", "Avec AFP", "Con información de EFE", "(ČTK)".
    "credit": re.compile(
        r"""^(?:(?:additional\s+|with\s+)?(?:reporting|writing|editing|edited|compiled|research|production|produced
              |graphics|translation|translated|fact[-\s]checking|interviews?|photography|video|design)\s+by\s
              (?=(?-i:[A-Z]))(?:[^;?!]{0,80}$|.{0,200};)
            |(?:source|sources|quelle|quellen|mitarbeit|recherche|redaktion|rédaction|fuente|fuentes|redacción|fonte
              |fontes|redazione|redação|källa|källor|źródło|źródła|zdroj|zdroje|redakce|πηγή|πηγές|σύνταξη|επιμέλεια
              |text|texte|texto|testo|tekst|autor|autorin|autorka|auteur|autore|oprac\.|opracowanie)\s*:
            |(?:mit\s+material\s+(?:von|der|aus)|unter\s+verwendung\s+von\s+material|avec\s+(?:l['’])?(?:afp|ap|reuters|agences?)
              |con\s+información\s+de|información\s+de\s+(?:efe|agencias)|con\s+(?:l['’])?(?:ansa|agi|adnkronos|agenzie)
              |com\s+(?:informações\s+d[aeo]s?|agências)|propos\s+recueillis\s+par|with\s+(?:wires|agencies))\b
            |\(?(?:dpa|afp|apa|kna|epd|sid|reuters|ap|efe|ansa|agi|lusa|tt|pap|iar|čtk|ctk|ana-mpa|ape-mpe|belga|ats|sda)
               (?:\s?[/,]\s?(?:dpa|afp|apa|kna|epd|sid|reuters|ap|efe|ansa|agi|lusa|tt|pap|iar|čtk|ctk|[a-zäöü]{2,4}))*\)?\.?$
        )""",
        re.VERBOSE | re.IGNORECASE,
    ),
    # "Correction, Nov. 15, 2019: This article originally misstated…", "Editor's note: …",
    # "An earlier version of this story…", "Korrektur:", "Note de la rédaction", "Fe de erratas".
    "correction": re.compile(
        r"""^(?:(?:correction|corrections|clarification|editor['’]?s['’]?\s+note|note\s+from\s+the\s+editor
              |korrektur|berichtigung|richtigstellung|(?:anmerkung|hinweis)\s+der\s+redaktion|transparenzhinweis
              |rectificatif|erratum|errata|note\s+de\s+la\s+rédaction|corrección|fe\s+de\s+erratas
              |nota\s+(?:del\s+editor|de\s+la\s+redacción|della\s+redazione|do\s+editor|da\s+redação|da\s+redacção|redakcyjna)
              |correzione|rettifica|correção|rättelse|korrigering|sprostowanie|korekta|od\s+redakcji|oprava
              |upřesnění|poznámka\s+redakce|διόρθωση|σημείωση\s+σύνταξης)\b[^:]{0,60}:
            |corrections?\s+(?:and|&)\s+clarifications?$
            |(?:this|an\s+earlier|a\s+previous|the\s+original|a\s+prior)\s+(?:version\s+of\s+this\s+)?
              (?:article|story|post|report|piece|headline|caption)\s+(?:has\s+been\s+(?:updated|corrected|amended|changed)
              |was\s+(?:updated|corrected|amended|changed)|originally|incorrectly|mistakenly|misstated|misidentified
              |misspelled|misquoted|wrongly|gave|said|stated|referred|reported)
            |(?:in\s+einer\s+(?:früheren|ersten|vorherigen|älteren)\s+version\s+(?:dieses|des)\s+(?:artikels|textes|beitrags)
              |(?:dieser|der)\s+(?:artikel|text|beitrag)\s+wurde\s+(?:aktualisiert|korrigiert|geändert|ergänzt)
              |une\s+(?:précédente|première|ancienne)\s+version\s+de\s+cet\s+article|cet\s+article\s+a\s+été\s+(?:mis\s+à\s+jour|modifié|corrigé)
              |una\s+versión\s+anterior\s+de\s+est[ea]\s+(?:artículo|nota|noticia)|este\s+artículo\s+(?:fue|ha\s+sido)\s+(?:actualizado|corregido)
              |una\s+(?:precedente|prima)\s+versione\s+di\s+questo\s+articolo|questo\s+articolo\s+è\s+stato\s+(?:aggiornato|corretto)
              |uma\s+versão\s+anterior\s+dest[ea]\s+(?:texto|reportagem|artigo|matéria|notícia)|est[ea]\s+(?:texto|artigo|matéria)\s+foi\s+(?:atualizad|corrigid)[oa]
              |i\s+en\s+tidigare\s+version\s+av\s+(?:artikeln|texten)|(?:artikeln|texten)\s+har\s+(?:uppdaterats|korrigerats|rättats)
              |w\s+(?:poprzedniej|pierwotnej|pierwszej)\s+wersji\s+(?:tego\s+)?(?:artykułu|tekstu)|(?:artykuł|tekst)\s+został\s+(?:zaktualizowany|poprawiony)
              |v\s+(?:původní|předchozí|dřívější)\s+verzi\s+(?:tohoto\s+)?(?:článku|textu)|článek\s+byl\s+(?:aktualizován|opraven|upraven))\b
        )""",
        re.VERBOSE | re.IGNORECASE,
    ),
    # "Cover image: …", "Photo: … / Getty", "Photo by X on Unsplash", "(AP Photo/Evan Vucci)", "Foto: dpa".
    "caption": re.compile(
        rf"""^(?:(?:(?:cover|main|top|header|featured|lead|hero|title)\s+)?(?:image|images|photo|photos|photograph|photography
              |picture|pictures|pic|illustration|graphic|foto|fotos|fotografie|fotografía|fotografia|bild|bilder|titelbild
              |aufmacherbild|bildquelle|fotoquelle|zdjęcie|zdjęcia|fot\.|ilustracja|obrázek|snímek|φωτογραφία|φωτ\.|imagen|imágenes
              |immagine|immagini|imagem|imagens|photo\s+d['’]illustration|crédits?\s+photos?|crédito|créditos|credits?|bildrechte
              |copyright\s+(?:photo|image|bild))\s*(?:credit|courtesy|source|by)?\s*[:|©]
            |(?:photo|photos|image|picture|foto|bild)\s+(?:by|courtesy(?:\s+of)?|von|de|di|par|av)\s
            |(?:AP|AFP|Reuters|EPA)\s+photo\s?/
            |{_PHOTO_AGENCIES}\.?$
        )""",
        re.VERBOSE | re.IGNORECASE,
    ),
    # "This shop has been compensated by …", "This post contains affiliate links", "Anzeige, enthält
    # Affiliate Links", "Contenu sponsorisé", "Materiał partnera", "Komerční sdělení".
    "disclosure": re.compile(
        r"""^(?:(?:disclosure|disclaimer|sponsored(?:\s+(?:content|post|by))?|paid\s+(?:post|content|partnership|for\s+by)
              |advertorial|promoted(?:\s+content)?|in\s+partnership\s+with|presented\s+by|brought\s+to\s+you\s+by
              |anzeige|werbung|gesponsert|in\s+kooperation\s+mit|präsentiert\s+von|publicité|contenu\s+(?:sponsorisé|partenaire)
              |article\s+sponsorisé|publi-?rédactionnel|publicidad|contenido\s+(?:patrocinado|de\s+marca)|patrocinado
              |pubblicità|contenuto\s+sponsorizzato|sponsorizzato|publicidade|conteúdo\s+patrocinado|publieditorial
              |annons|reklam|sponsrat|sponsrad|i\s+samarbete\s+med|annonssamarbete|reklama|artykuł\s+sponsorowany
              |materiał\s+(?:partnera|sponsorowany|promocyjny)|współpraca\s+reklamowa|komerční\s+sdělení|pr\s+článek
              |sponzorováno|placená\s+spolupráce|διαφήμιση|χορηγούμενο)\s*(?:$|[:|,–—(-])
            |(?:this|the\s+following|our)\s+(?:shop|post|article|story|content|review|page|video|episode|piece|guide|site|website|blog)
              \s+(?:has\s+been|was|is|contains|may\s+contain|includes|uses)\s+(?:compensated|sponsored|paid|produced\s+in\s+(?:partnership|association)
              |brought\s+to\s+you|supported|funded|affiliate|written\s+in\s+partnership)
        )""",
        re.VERBOSE | re.IGNORECASE,
    ),
    # "Be sure to follow … on Facebook, Twitter, and Instagram.", "Folgen Sie uns auf Instagram",
    # "Suivez-nous sur les réseaux sociaux", "Síguenos en Twitter", "Obserwuj nas na Facebooku".
    "social": re.compile(
        rf"""^(?:(?:be\s+sure\s+to|make\s+sure\s+(?:to|you)|don['’]?t\s+forget\s+to|please|you\s+can(?:\s+also)?|and|also|and\s+be\s+sure\s+to)\s+)?
            (?:follow|like|find|join|connect\s+with|subscribe\s+to|add|friend|folgen\s+sie|folge|besuchen\s+sie|suivez|rejoignez|retrouvez
              |síguenos|sigue|síganos|sigan|únete|seguici|seguiteci|segui|siga|sigam|acompanhe|följ|obserwuj|sledujte|ακολουθήστε)
            [-\s].{{0,120}}?\b(?:on|at|via|auf|bei|sur|en|su|no|na|nas|nos|på|στο|στα|σε)\s+(?:the\s+|les\s+|den\s+|o\s+)?{_NETWORKS}
            |.{{0,120}}\bfollow\s+(?:us|me)\b.{{0,60}}\b{_NETWORKS}
        """,
        re.VERBOSE | re.IGNORECASE,
    ),
    # "More from …:", "Lesen Sie auch:", "À lire aussi", "Leggi anche", "Czytaj też", "Čtěte také".
    "related": re.compile(
        r"""^(?:related(?:\s+(?:stories|articles|coverage|content|links|reading|news|posts))?|more\s+(?:from|on|about|stories|news
              |coverage|like\s+this)|read\s+(?:more|also|next)|see\s+also|also\s+(?:read|see)|you\s+(?:may|might)\s+also\s+(?:like|enjoy)
              |recommended(?:\s+for\s+you)?|further\s+reading|most\s+(?:read|popular|viewed)|mehr\s+zum\s+thema|lesen\s+sie\s+(?:auch|mehr)
              |auch\s+interessant|das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|weitere\s+(?:artikel|beiträge|nachrichten|themen)
              |meistgelesen|à\s+lire\s+(?:aussi|également)|lire\s+aussi|voir\s+aussi|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|leer\s+más
              |lee\s+también|lea\s+también|te\s+puede\s+interesar|noticias\s+relacionadas|leggi\s+anche|potrebbe\s+interessarti
              |articoli\s+correlati|leia\s+(?:também|mais)|veja\s+também|saiba\s+mais|notícias\s+relacionadas|läs\s+(?:också|mer|även)
              |relaterat|czytaj\s+(?:też|także|więcej|również)|zobacz\s+(?:też|także|również)|polecamy|čtěte\s+(?:také|též|dále)
              |související(?:\s+články)?|διαβάστε\s+(?:επίσης|ακόμη|περισσότερα)|σχετικά\s+άρθρα)\s*(?:$|[:|»›>…–—-])
        """,
        re.VERBOSE | re.IGNORECASE,
    ),
    # "About the author", "Perry Bacon Jr. is a senior writer for FiveThirtyEight." (English
    # anywhere in this strict shape; looser bios in other languages only at the end, see _FOOTER_BIO).
    "bio": re.compile(
        r"""^(?:(?i:about\s+the\s+author|über\s+(?:den|die)\s+autor(?:in)?|zur\s+person|à\s+propos\s+de\s+l['’]auteur
              |sobre\s+(?:el|la|o|a)\s+autora?|l['’]autore|om\s+(?:skribenten|författaren)|o\s+autor(?:ze|ce|ovi))\s*(?:$|[:|–—-])
            |(?:[A-Z][\w.'’-]+\s){1,3}(?:[A-Z][\w.'’-]+)(?:\s\(@\w+\))?,?\s(?:is|was)\s(?:a|an|the)\s(?:[\w-]+\s){0,4}
              (?:writer|reporter|journalist|correspondent|editor|columnist|author|contributor|producer|critic|analyst|blogger
              |photographer|freelancer|intern|fellow|anchor|commentator)s?\s(?:for|at|with|based|covering|who\s+covers|of)\b[^.!?]{0,120}[.!?]?$
        )""",
        re.VERBOSE,
    ),
    # "Tested by: … RRP: …": a spec line of product labels (two or more, one of them a price or test label).
    "spec": re.compile(
        r"""^(?=.{0,200}\b(?:rrp|price|prices|tested\s+by|rating|verdict|specs|specifications|pros|cons|best\s+for|buy\s+(?:now|it)
              |preis|uvp|prix|precio|prezzo|preço|pris|cena|cenа)\s*:).{0,200}?\b\w[\w’' -]{0,30}:\s.{1,200}?\b\w[\w’' -]{0,30}:\s""",
        re.VERBOSE | re.IGNORECASE,
    ),
}
#: Kinds recognised by a phrase anywhere in a line. Each has literal trigger
#: words, looked for first (a plain substring test on the lower-cased line),
#: so the pattern runs only on the few lines that hold one: an article's
#: sentences pass here about as fast as without these kinds.
_KIND_PHRASES: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {
    "credit": (
        ("contributed",),
        re.compile(r"\bcontributed\s+(?:(?:additional\s+)?reporting|to\s+(?:this|the)\s+(?:report|story|article))\b"),
    ),
    "disclosure": (
        ("affiliat", "afiliad", "afiliacyj", "commission", "comisión", "comissão", "provision", "opinions", "#", "advertis"),
        re.compile(
            r"""\b(?:affiliate[-\s]?links?|affiliatelinks?|affiliate\s+commission|liens?\s+affiliés?|enlaces?\s+de\s+afiliados?
              |link\s+(?:di\s+)?affiliazione|links?\s+de\s+afiliad[oa]s?|affiliatelänk(?:ar)?|linki?\s+afiliacyjn\w*)\b
            |\b(?:(?:we|i)\s+(?:may\s+)?(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation)
              |erhalten\s+wir\s+(?:ggf\.\s+|eventuell\s+|unter\s+umständen\s+)?eine\s+provision|nous\s+percevons\s+une\s+commission
              |recibimos\s+una\s+comisión|riceviamo\s+una\s+commissione|recebemos\s+uma\s+comissão|all\s+opinions\s+are\s+(?:my|our)\s+own)\b
            |\b(?:products?|services?)\s+from\s+(?:one\s+or\s+more\s+of\s+)?our\s+advertisers\b
            |\badvertisers\s+(?:do\s+not|don['’]t|never)\s+influence\b
            |\#(?:ad|sponsored|spon|anzeige|werbung)\b""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    # "Jetzt am Kiosk", "Hier bestellen", "On newsstands now", "En kiosque", "Ya a la venta", "In edicola".
    "promo": (
        (
            "kiosk", "handel", "zeitschriften", "buchhandel", "bestellen", "abonn", "kaufen", "testen", "herunterladen", "anmelden", "registrieren",
            "weiterlesen", "sichern", "abo", "newsstand", "copy", "subscribe", "sign", "app", "newsletter", "issue",
            "kiosque", "librairie", "venta", "quiosco", "kiosco", "suscr", "edicola", "abbonati", "scarica", "bancas",
            "assine", "inscreva", "prenumerera", "kioskach", "zaprenumeruj", "zapisz", "pobierz", "předplaťte",
            "stáncích", "přihlaste", "stáhněte", "περίπτερα", "submit", "unterstütz",
        ),
        re.compile(
            r"""\b(?:(?:jetzt|ab\s+sofort|ab\s+\w+)\s+(?:am|im)\s+(?:kiosk|handel|zeitschriftenhandel|buchhandel)
            |(?:hier|jetzt)\s+(?:bestellen|abonnieren|kaufen|testen|herunterladen|anmelden|registrieren|weiterlesen|sichern|gratis\s+testen)
            |(?:die|der)\s+(?:neue|aktuelle)\s+(?:ausgabe|heft)\b.{0,60}\b(?:kiosk|erhältlich|bestellen)|zum\s+abo|jetzt\s+abo
            |on\s+newsstands\s+now|now\s+on\s+newsstands|pick\s+up\s+(?:a|the|your)\s+copy
            |subscribe\s+(?:now|today|here)|sign\s+up\s+(?:now|today|here|for\s+(?:our|the)\s+(?:\w+\s+)?newsletter)
            |(?:get|download)\s+(?:the|our)\s+(?:free\s+)?(?:app|newsletter)|in\s+(?:the|our)\s+(?:latest|current|new)\s+issue
            |download\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}apps?\s+for\s+(?:ios|android|iphone)
            |submit\s+(?:your|a)\s+letter\s+to\s+the\s+editor|unterstütze\s+(?:uns|[A-ZÄÖÜ]\S+)\s+(?:bereits|schon|jetzt)?\s*(?:ab|mit)\s+\d
            |(?:actuellement\s+)?en\s+kiosque|disponible\s+en\s+(?:kiosque|librairie)|abonnez-vous|inscrivez-vous\s+à\s+(?:la|notre)\s+newsletter
            |ya\s+a\s+la\s+venta|ya\s+en\s+(?:quioscos|kioscos)|suscríbete|suscríbase|descarga\s+(?:la|nuestra)\s+app|in\s+edicola
            |abbonati\s+(?:ora|subito)|iscriviti\s+alla\s+newsletter|scarica\s+l['’]app|nas\s+bancas|assine\s+(?:já|agora)|inscreva-se
            |baixe\s+o\s+app|prenumerera\s+(?:nu|här)|ladda\s+ner\s+appen|już\s+w\s+kioskach|zaprenumeruj|zapisz\s+się\s+do\s+newslettera
            |pobierz\s+aplikację|předplaťte\s+si|na\s+stáncích|přihlaste\s+se\s+k\s+odběru|stáhněte\s+si\s+aplikaci|στα\s+περίπτερα)\b""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
}  # fmt: skip
#: An image credit at a line's end ("Augusta National/Getty Images", "(Foto: Privat)"), read in its last characters.
_CREDIT_AT_END = re.compile(rf"(?:[/|©(]|\bvia\b|\bby\b)\s*{_PHOTO_AGENCIES}\s*\)?\.?$", re.IGNORECASE)
_CREDIT_TAIL = 60
#: What must precede the agency in such a credit (checked first: it is cheap).
_CREDIT_MARKS = ("/", "|", "©", "(", "via ", "by ", "Via ", "By ")
#: Every phrase kind's trigger starts a word ("#ad", "affiliate-links", "abonnez-vous"): a line
#: none of whose words starts with one skips the phrase kinds in one pass over its words.
_TRIGGERS = tuple(sorted({trigger for triggers, _ in _KIND_PHRASES.values() for trigger in triggers}))
#: The longest line of a "label:" kind: a caption or a credit is short.
_KIND_WORDS = {"credit": 30, "caption": 30, "related": 25, "social": 40, "promo": 30, "bio": 40}
#: An author bio at the article's end, in any supported language: a name, a
#: verb of being and a newsroom role ("Jane Doe ist Redakteurin bei …").
_FOOTER_BIO = re.compile(
    r"""^(?:[A-ZÀ-ÝĀ-Ž][\w.'’-]+\s){1,3}(?:[A-ZÀ-ÝĀ-Ž][\w.'’-]+)(?:\s\(@\w+\))?,?\s(?:is|was|has\s+been|ist|war|est|es|è|é|är|jest|je|είναι)\s
        (?:[\w-]+\s){0,5}(?i:writer|reporter|journalist|correspondent|editor|columnist|author|contributor|producer|critic|blogger|photographer
        |redakteur|journalistin|korrespondent|autorin|reporterin|redaktorin|journaliste|rédact|correspondant|chroniqueu|auteure?
        |periodista|redactora?|corresponsal|columnista|autora?|giornalista|redatt|corrispondente|autore|autrice|jornalista|repórter
        |correspondente|colunista|redaktör|skribent|krönikör|dziennikar|redaktor|korespondent|publicyst|novinář|reportér|zpravodaj
        |komentátor|δημοσιογράφος)""",
    re.VERBOSE,
)
#: A list item of a list of links: a marker, a few words, no sentence end ("- NFL office pool picks for Week 12").
_LINK_ITEM = re.compile(r"^[-–—•*>·▪►]\s")
#: A byline in the languages' words for "by" ("Von Jane Doe", "Par Jean Dupont", "Av Anna Berg").
_BYLINE_WORDS = re.compile(
    r"^(?i:by|von|par|por|di|av|od|autor|door)\s+[A-ZÀ-ÝĀ-Ž][\w.'’-]*(?:\s+(?:[A-ZÀ-ÝĀ-Ž][\w.'’-]*|and|und|et|y|e|och|i|a|&|de|van|von|da|del|di|al|bin))*"
    r"(?:\s*[,|/–—-]\s*.{0,60})?$",  # names in capitals: "Par ailleurs, ..." is no byline
)


def non_article_kind(line: str, *, in_footer: bool = False) -> str | None:
    """The kind of non-article line ``line`` is, or None.

    Kinds: ``credit`` (agency and staff credits), ``correction`` (corrections,
    editor's notes), ``caption`` (image credits and captions), ``disclosure``
    (sponsorship and affiliate disclosures), ``social`` (follow prompts),
    ``related`` (related-link teasers; in the closing block also a list item
    of a few words without a sentence end), ``bio`` (author bios), ``promo``
    ("jetzt am Kiosk", "subscribe now") and ``spec`` (a product spec line).
    Recognised by shape and vocabulary, in each supported language.
    """
    bare = line.strip(" \t*#>-–—•|()[]")
    words = word_count_at_most(bare, MAX_PROMO_WORDS)
    if not bare or words > MAX_PROMO_WORDS:
        return None
    for kind, pattern in _KIND_PATTERNS.items():
        if kind != "spec" and words <= _KIND_WORDS.get(kind, MAX_PROMO_WORDS) and pattern.match(bare):
            return kind
    # A spec line has two labels or more: most lines stop at the count, before the costly pattern.
    if bare.count(":") >= 2 and _KIND_PATTERNS["spec"].match(bare):
        return "spec"
    tail = bare[-_CREDIT_TAIL:]
    if words <= _KIND_WORDS["caption"] and any(mark in tail for mark in _CREDIT_MARKS) and _CREDIT_AT_END.search(tail):
        return "caption"
    lowered = bare.lower()
    if not any(word.lstrip("(\"'“„«‘").startswith(_TRIGGERS) for word in lowered.split()):
        return _footer_kind(line, bare, words) if in_footer else None
    for kind, (triggers, pattern) in _KIND_PHRASES.items():
        if (
            words <= _KIND_WORDS.get(kind, MAX_PROMO_WORDS)
            and any(trigger in lowered for trigger in triggers)
            and pattern.search(bare)
        ):
            return kind
    return _footer_kind(line, bare, words) if in_footer else None


def _footer_kind(line: str, bare: str, words: int) -> str | None:
    """The kinds recognised only in the article's closing block: bios in any language, link lists."""
    if _FOOTER_BIO.match(bare):
        return "bio"
    if _LINK_ITEM.match(line) and 3 <= words <= 20 and not ends_sentence(bare.rstrip("…")):
        return "related"
    return None


def normalize(text: str) -> str:
    """Unify line endings and white space, and drop control sequences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if "\x1b" in text or "\x9b" in text:  # every escape sequence starts with one of them
        text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_single_spaced(line).strip() for line in text.split("\n"))


def _single_spaced(line: str) -> str:
    # A run to replace holds two plain spaces or another kind of space.
    return _SPACES.sub(" ", line) if "  " in line or _OTHER_SPACE.search(line) else line


def has_words(text: str) -> bool:
    """True when ``text`` holds a word with a letter in it, outside links and addresses."""
    if "@" in text or "://" in text or "www." in text.lower():  # else _LINK cannot match: skip the costly sub
        text = _LINK.sub(" ", text)
    return any(
        not match.group().replace(".", "").replace(",", "").isdigit() for match in _WORD_OR_NUMBER.finditer(text)
    )


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


#: Widths that hard-wrapped text has: mail and ``fmt`` use 65-80 columns,
#: narrow panes 40, wide terminals up to 200. Lines of a narrower "width" are
#: a list, of a wider one paragraphs.
MIN_WRAP_WIDTH = 30
MAX_WRAP_WIDTH = 200
#: A wrapped line is full: with the next line's first word it would pass this
#: share of the width. Greedy filling (``textwrap``, most editors) passes the
#: whole width; ``fmt``'s balanced lines stay up to 12% below it.
FULL_LINE = 0.85
#: Of the line breaks inside blocks, at least this share is at a full line
#: inside a sentence in hard-wrapped text (some 90% in English news at 40 to
#: 100 columns, fewer where paragraphs are short; with one paragraph per
#: line nearly none), and at least one such line goes on in lower case (a
#: list of names in capitals does not).
WRAPPED_MID_SENTENCE = 0.1
_LIST_ITEM = re.compile(r"(?:[-*•·▪–—]|\d{1,3}[.)]|\(?[a-z]\))\s")
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+")  # \b: inside a long word no start is tried
_WHOLE_WORD = re.compile(r"\w+")
_CLOSED_DASH = re.compile(r"\w--\w")
#: Words after which a line-end hyphen was followed by a space: "self- and".
_SUSPENDED_HYPHEN_NEXT = frozenset({"and", "or", "to"})


def unwrap(lines: list[str]) -> list[str]:
    """``lines`` (normalised, blank lines kept) with hard-wrapped paragraphs joined into one line each.

    The text is hard-wrapped when lines that go on in the same block are
    full at one width, inside a sentence that the next line continues in lower
    case (see :data:`WRAPPED_MID_SENTENCE`); then a line
    break is a wrap where the line is full (the next word would not have fit
    on it) or where the line ends inside a sentence and the next goes on in
    lower case, and never before a list item. Any other break stays: a short
    line there ends a paragraph or is a heading, a list item, a line of an
    address. Text with one paragraph per line comes back as it was.

    A break after a hyphen joins without a space ("well-" + "known" is
    "well-known"); the hyphen goes only when the word without it occurs in
    the text and the hyphenated word does not ("inter-" + "national" is
    "international" if the text says "international" elsewhere). Before
    "and", "or" or "to" the space stays ("self- and peer-review"). A break
    after "--" joins without a space only in text that writes such a dash
    between words elsewhere ("then--now"); editors and ``fmt`` break lines
    only at spaces, ``textwrap`` also after hyphens and "--".
    """
    width = _wrap_width(lines)
    if width is None:
        return lines
    words: tuple[set[str], set[str], bool] | None = None  # the text's words, for hyphens, made when first needed
    headings = [_is_wrapped_heading(lines, i, width) for i in range(len(lines))]
    joined: list[str] = []
    parts: list[str] = []  # the paragraph being joined: its lines and the separators between them
    for i, line in enumerate(lines):
        if not (
            parts and line and not (headings[i - 1] or headings[i]) and _is_wrap(lines[i - 1], line, width, parts[0])
        ):
            if parts:
                joined.append("".join(parts))
            parts = [line] if line else []
            if not line:
                joined.append(line)
            continue
        previous = parts[-1]
        head = _cut_word(previous)
        first = line.split(" ", 1)[0]
        if head and line[:1].isalpha() and first.lower() not in _SUSPENDED_HYPHEN_NEXT:
            if words is None:
                words = _words_of(lines)
            whole = _WHOLE_WORD.match(line)
            tail = whole.group().lower() if whole else ""
            if f"{head}{tail}" in words[0] and f"{head}-{tail}" not in words[1]:
                parts[-1] = previous[:-1]  # a word hyphenated at the line end: "inter-" + "national"
        elif previous.endswith("--") and previous.rstrip("-")[-1:].isalnum() and line[:1].isalnum():
            if words is None:
                words = _words_of(lines)
            if not words[2]:  # unless the text writes "then--now" elsewhere, a space followed the dash
                parts.append(" ")
        else:
            parts.append(" ")
        parts.append(line)
    if parts:
        joined.append("".join(parts))
    return joined


def _cut_word(line: str) -> str:
    """The word cut at the end of ``line`` by a hyphen ("inter-": "inter"), lower-cased; else ""."""
    if not line[-2:-1].isalpha() or not line.endswith("-"):
        return ""
    start = end = len(line) - 1
    while start and line[start - 1].isalnum():  # "14th-" as well
        start -= 1
    return line[start:end].lower()


def _words_of(lines: list[str]) -> tuple[set[str], set[str], bool]:
    """The text's words, lower-cased: those without and those with a hyphen; whether it writes "then--now"."""
    text = "\n".join(lines).lower()
    return set(_WHOLE_WORD.findall(text)), set(_HYPHENATED.findall(text)), bool(_CLOSED_DASH.search(text))


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not hard-wrapped.

    The width is the longest line that goes on in its block, leaving out
    lines much longer than the typical one (a link, a pasted paragraph).
    """
    going_on = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1] and " " in lines[i]]
    if not going_on:
        return None
    lengths = sorted(len(lines[i]) for i in going_on)
    typical = lengths[len(lengths) // 2]
    width = max(length for length in lengths if length <= 1.5 * typical)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    mid_sentence = [i for i in going_on if not ends_sentence(lines[i]) and _is_full(lines[i], lines[i + 1], width)]
    if len(mid_sentence) < WRAPPED_MID_SENTENCE * len(going_on) or not any(
        lines[i + 1][:1].islower() for i in mid_sentence
    ):
        return None
    return width


def _is_full(line: str, following: str, width: int) -> bool:
    """Whether ``line`` is as long as wrapping at ``width`` makes a line that goes on with ``following``."""
    if len(line) > width:
        return " " not in line  # one long word (a link) alone on its line
    return len(line) + 1 + len(following.split(" ", 1)[0]) > FULL_LINE * width


def _is_wrap(line: str, following: str, width: int, paragraph: str) -> bool:
    """Whether the break between ``line`` and ``following`` is a wrap in text wrapped at ``width``.

    ``paragraph`` is the text so far that ``line`` ends. A line that starts
    with a list marker is a new item in a list, or a dash that wrapping put
    at the start of a line ("... Venezuela" / "- the world's fifth ..."): the
    latter only after a full line inside a sentence, and not inside a list.
    """
    mid_sentence = not ends_sentence(line) and not line.endswith(":")
    if _LIST_ITEM.match(following):
        return mid_sentence and _is_full(line, following, width) and not _LIST_ITEM.match(paragraph)
    if _is_full(line, following, width):
        return True
    return mid_sentence and following[:1].islower()


def _is_wrapped_heading(lines: list[str], i: int, width: int) -> bool:
    """A heading in wrapped text: short, without final punctuation, after a sentence or a blank
    line, not continued in lower case, and short of the width (a full line may be wrapped prose)."""
    line = lines[i]
    if not line or not _is_heading(line, MAX_HEADING_WORDS) or _INNER_SENTENCE_END.search(line):
        return False
    before = lines[i - 1] if i else ""
    if before and not ends_sentence(before) and not before.endswith(":"):
        return False  # the line goes on with a sentence from the line before
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if following[:1].islower():
        return False
    return not following or not _is_full(line, following, width)


def is_promotional(line: str, *, in_footer: bool = False) -> bool:
    """A call to action aimed at the reader rather than news.

    Anywhere: an imperative marketing verb first plus two marketing words.
    In the article's closing block: the verb plus one such word suffices.
    """
    lowered = line.lower().replace("’", "'")
    first = lowered.split(None, 1)[:1]
    starts_with_verb = bool(first) and first[0].strip("\"'“‘") in _MARKETING_VERBS
    if not starts_with_verb and not in_footer:
        return False  # before splitting the whole line and the costly vocabulary scan: most lines stop here
    words = lowered.split()
    if not words or len(words) > MAX_PROMO_WORDS:
        return False
    hits = len(_MARKETING_VOCAB.findall(line))
    if starts_with_verb:
        return hits >= (1 if in_footer else 2)
    return hits >= 3 and ("you" in words or "your" in words)


def is_boilerplate(line: str, *, in_footer: bool = False, non_article: bool = True) -> bool:
    """A line a reader skips: a byline, a stamp, a link, a share prompt, a promo, and
    (unless ``non_article`` is False) a line of a :func:`non_article_kind`."""
    bare = line.strip(" \t*#>-–—•|")
    if not bare:
        return True
    words = word_count_at_most(bare, MAX_PROMO_WORDS)
    if words > MAX_PROMO_WORDS:
        return False
    if _BOILERPLATE.match(bare) or is_promotional(bare, in_footer=in_footer):
        return True
    if non_article and non_article_kind(line, in_footer=in_footer):
        return True
    return words <= 10 and (bool(_BYLINE.match(bare)) or (words <= 8 and bool(_BYLINE_WORDS.match(bare))))


def strip_stamps(line: str) -> str:
    """Remove a dateline or a byline/date stamp glued to the start of a line."""
    line = _STAMP.sub("", line, count=1)
    return _DATELINE.sub("", line, count=1).strip()


def _is_heading(line: str, max_words: int) -> bool:
    words = word_count_at_most(line, max_words)
    if not 0 < words <= max_words or ends_sentence(line):
        return False
    return not _CLAUSE_END.search(line) or line.endswith(":")


def _stands_apart(lines: list[str], kinds: list[str], i: int) -> bool:
    """Whether line ``i`` is no continuation: the line before it (if body) ends a sentence, the next goes on in capitals."""
    if i + 1 < len(lines) and lines[i + 1][:1].islower():
        return False
    if i == 0 or kinds[i - 1] != "body":
        return True
    before = lines[i - 1]
    return ends_sentence(before) or before.endswith(":")


def clean(text: str) -> Article:
    """Turn raw article text into an :class:`Article` (see module docstring)."""
    lines = unwrap(normalize(text).split("\n"))
    kinds: list[str] = ["blank" if not line else "body" for line in lines]

    # The closing block: walk up from the end while lines are boilerplate,
    # with the footer's lower bar for promotional lines.
    for i in range(len(lines) - 1, -1, -1):
        if kinds[i] == "blank":
            continue
        if not is_boilerplate(strip_stamps(lines[i]), in_footer=True):
            break
        kinds[i] = "boilerplate"
    for i, line in enumerate(lines):
        if kinds[i] == "body":
            stripped = strip_stamps(line)
            if stripped != line:
                lines[i] = line = stripped
                if not line:
                    kinds[i] = "boilerplate"
                    continue
            if is_boilerplate(line) or not has_words(line):
                kinds[i] = "boilerplate" if has_words(line) or line else "blank"

    content = [i for i, kind in enumerate(kinds) if kind == "body"]
    title: str | None = None
    if len(content) > 1:
        first = content[0]
        line = lines[first]
        if (
            word_count_at_most(line, 1) > 1
            and _is_heading(line, MAX_TITLE_WORDS)
            and _stands_apart(lines, kinds, first)
        ):
            title = line.rstrip(":").strip()
            kinds[first] = "title"
    for i in content:
        if kinds[i] == "body" and _is_heading(lines[i], MAX_HEADING_WORDS) and _stands_apart(lines, kinds, i):
            kinds[i] = "heading"
    if "body" not in kinds:
        # Text made only of short unpunctuated lines (a list, a poem, notes):
        # there is nothing else to summarise, so those lines are the body.
        kinds = ["body" if kind == "heading" else kind for kind in kinds]

    paragraphs: list[tuple[str, ...]] = []
    current: list[str] = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "body":
            current.append(line)
        elif current:  # a blank line, a heading or removed text ends a paragraph
            paragraphs.append(tuple(current))
            current = []
    if current:
        paragraphs.append(tuple(current))
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        headings=tuple(line for line, kind in zip(lines, kinds, strict=True) if kind == "heading"),
        boilerplate=tuple(line for line, kind in zip(lines, kinds, strict=True) if kind == "boilerplate"),
    )


#: Separators between a page title and its site or section name. Colons are
#: left alone: "Storm Ciarán: thousands without power" is one headline.
_TITLE_SEPARATOR = re.compile(r"\s+(\||·|•|»|«|›|‹|~|::|[-–—]{1,2}|_{1,2})\s+")
#: An underscore run into the words on both sides ("Headline_SiteName"): a
#: separator only where the part beyond it names the site.
_GLUED_UNDERSCORE = re.compile(r"(?<=\S)_{1,2}(?=\S)")
#: A site or section name is short.
MAX_SITE_WORDS = 5


def clean_source(source: SourceInfo) -> SourceInfo | None:
    """``source`` with one-line fields and the site name out of the title; None when empty."""
    values = {f.name: _one_line(getattr(source, f.name)) for f in fields(source)}
    cleaned = replace(source, **values)
    if cleaned.title:
        cleaned = replace(cleaned, title=page_title(cleaned.title, cleaned.site_name, cleaned.url))
    return cleaned if any(getattr(cleaned, f.name) for f in fields(cleaned)) else None


def page_title(title: str, site_name: str | None = None, url: str | None = None) -> str | None:
    """The headline in a page title: site (and section) names taken off its ends.

    A segment matching the site name or the URL's domain goes from either end;
    of the pipe-separated parts that remain, the longest is the headline
    ("Headline | World news"). Dashes are ambiguous ("Storm hits coast - three
    dead"), so a dash-separated part goes only when it names the site. A title
    that is nothing but the site name is no headline: None.
    """
    names = {_key(name) for name in (site_name, _domain(url)) if name and len(_key(name)) >= 3}
    glued = _GLUED_UNDERSCORE.split(title)
    if len(glued) > 1 and _names_site(glued[-1], names):
        title = "_".join(glued[:-1]).strip()
    elif len(glued) > 1 and _names_site(glued[0], names):
        title = "_".join(glued[1:]).strip()
    parts = _TITLE_SEPARATOR.split(title)  # text, separator, text, ...
    if len(parts) == 1 and names and _names_site(title, names):
        return None
    while len(parts) > 2 and _names_site(parts[-1], names):
        del parts[-2:]
    while len(parts) > 2 and _names_site(parts[0], names):
        del parts[:2]
    if len(parts) > 1 and all(sep == "|" for sep in parts[1::2]):
        return max(parts[::2], key=word_count)
    return "".join(f" {part} " if i % 2 else part for i, part in enumerate(parts))


def _names_site(segment: str, names: set[str]) -> bool:
    key = _key(segment)
    if not key or word_count(segment) > MAX_SITE_WORDS:
        return False
    return any(key == name or key.startswith(name) or name.startswith(key) for name in names)


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _domain(url: str | None) -> str | None:
    """The name in a URL's host: "bbc" for www.bbc.co.uk, "ledger" for ledger.example."""
    if not url:
        return None
    labels = [label for label in (urlsplit(url).hostname or "").split(".") if label and label != "www"]
    if len(labels) > 2 and len(labels[-2]) <= 3:  # co.uk, com.au
        labels = labels[:-2]
    elif len(labels) > 1:
        labels = labels[:-1]
    return labels[-1] if labels and not labels[-1].isdigit() else None


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    # The sanitiser's pass, as for every string shown: no control, format or bidi characters.
    return _shown(normalize(value)) or None


def text_of(article: Article) -> str:
    """The article's body as one text (what language detection reads)."""
    return "\n".join(line for paragraph in article.paragraphs for line in paragraph)
