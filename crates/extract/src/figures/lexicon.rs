//! The words around figures, per language, as compact text compiled once by
//! [`super::FigureTables::new`]: qualifiers ("more than", "sekitar"), range words ("between",
//! "bis"), words before years and section numbers, words that cannot be counted nouns, ordinal
//! suffixes, and the units and currencies shared by all languages. Month names (a number next to a
//! month is a date) come from [`concord_lang::months`]. Last, the plural endings and irregular
//! plurals that [`super::base_form`] turns into base forms.
//!
//! Phrases are separated by `|`, words inside a phrase by spaces; everything is lowercase.

/// The word lists of one language.
pub(crate) struct LexiconText {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// "about": the figure is approximate.
    pub approx: &'static str,
    /// "at least", "more than".
    pub at_least: &'static str,
    /// "at most", "less than", "up to", "almost".
    pub at_most: &'static str,
    /// After a figure: "or more".
    pub or_more: &'static str,
    /// Before the first number of a range: "between", "from".
    pub between: &'static str,
    /// Between the numbers of a range when "between" came before: "and".
    pub range_and: &'static str,
    /// Between the numbers of a range: "to", "bis".
    pub range_to: &'static str,
    /// Words right before a year ("since", "im", "tahun").
    pub year_before: &'static str,
    /// Words after a year ("году", "roku").
    pub year_after: &'static str,
    /// Words before a section or serial number ("article", "Nr").
    pub section: &'static str,
    /// Words that end a counted noun phrase and are never counted nouns.
    pub stop: &'static str,
    /// Ordinal suffixes glued to digits ("3rd", "2e", "2-й").
    pub ordinal: &'static str,
    /// "of" words between a number and its noun ("tens of thousands of troops", "millions d'euros").
    pub of: &'static str,
}

/// Languages with word lists (the same as the number tables).
pub(crate) const LEXICONS: &[LexiconText] = &[
    LexiconText {
        code: "en",
        approx: "about|around|approximately|roughly|some|an estimated|estimated|circa|ca|close to|nearly|almost|or so|approx",
        at_least: "at least|more than|over|above|exceeding|no less than|not less than|upwards of|in excess of|no fewer than|at minimum",
        at_most: "at most|less than|fewer than|up to|under|below|lower than|no more than|not more than|as many as|a maximum of",
        or_more: "or more|plus|and more",
        between: "between|from",
        range_and: "and",
        range_to: "to|through",
        year_before: "in|since|from|until|by|of|year|before|after|during|the|early|late|mid|between|and|to|around|spring|summer|autumn|fall|winter|on",
        year_after: "",
        section: "section|article|art|chapter|paragraph|no|nr|number|resolution|page|item|clause|flight|room|gate|route|bus|line|platform|protocol|rule|version|level|grade|class|category|stage",
        stop: "the|a|an|and|or|but|of|in|on|at|to|from|by|with|for|as|than|that|which|who|were|was|are|is|be|been|had|have|has|will|would|could|should|can|may|might|said|says|say|does|do|did|get|got|make|made|told|this|these|those|it|its|they|them|their|he|she|we|you|i|per|into|since|until|over|under|after|before|between|among|during|not|also|only|more|less|each|other|such|about|across|against|along|around|so|if|when|where|while|out|up|down|off|again|all|both|any|some|no|there|here|then|now|ago|later|earlier|years|year|times|time|percent|cent|yet|already|still",
        ordinal: "st|nd|rd|th",
        of: "of",
    },
    LexiconText {
        code: "de",
        approx: "etwa|ungefähr|rund|circa|ca|zirka|schätzungsweise|annähernd|gegen",
        at_least: "mehr als|über|mindestens|wenigstens|nicht weniger als|gut|knapp über|weit über|mehr denn",
        at_most: "bis zu|höchstens|weniger als|unter|fast|beinahe|knapp|maximal|nahezu|nicht mehr als|an die",
        or_more: "oder mehr|und mehr",
        between: "zwischen|von",
        range_and: "und",
        range_to: "bis",
        year_before: "im|in|seit|von|bis|jahr|jahres|jahre|jahren|ab|vor|nach|anfang|ende|mitte|zwischen|und|frühjahr|sommer|herbst|winter|jahreswechsel|zum",
        year_after: "",
        section: "artikel|art|absatz|abs|paragraf|paragraph|kapitel|nr|nummer|seite|abschnitt|ziffer|resolution|linie|flug|stufe|klasse|version|gleis",
        stop: "der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|und|oder|aber|von|vom|zu|zur|zum|in|im|an|am|auf|aus|bei|mit|nach|seit|für|über|unter|vor|gegen|um|als|wie|dass|die|sich|sie|er|es|wir|ihr|ihre|ihren|sein|seine|waren|war|sind|ist|wurden|wurde|werden|wird|haben|hat|hatte|hatten|gewesen|worden|sollen|soll|sollten|können|kann|könnten|müssen|muss|nicht|auch|nur|noch|mehr|weniger|jahr|jahre|jahren|mal|prozent|weitere|weiteren|bereits|schon|jedoch|davon|pro|je|bis|zwischen|insgesamt|laut|zufolge|nach|dort|hier|dann|jetzt",
        ordinal: "",
        of: "",
    },
    LexiconText {
        code: "fr",
        approx: "environ|près de|quelque|autour de|approximativement|à peu près|quasi|presque|aux alentours de|de l'ordre de|une quinzaine de|grosso modo",
        at_least: "plus de|au moins|au-delà de|plus que|pas moins de|au minimum|plus d'|au moins d'|supérieur à",
        at_most: "moins de|jusqu'à|au plus|pas plus de|en-dessous de|au maximum|moins d'|inférieur à",
        or_more: "ou plus|et plus",
        between: "entre|de|d'",
        range_and: "et",
        range_to: "à",
        year_before: "en|depuis|année|an|de|dès|avant|après|début|fin|mi|entre|et|à|jusqu'en|l'an|printemps|été|automne|hiver",
        year_after: "",
        section: "article|art|alinéa|chapitre|section|page|n°|no|numéro|résolution|ligne|vol|niveau",
        stop: "le|la|les|l'|un|une|des|du|de|d'|et|ou|mais|à|au|aux|en|dans|sur|par|pour|avec|sans|sous|contre|que|qu'|qui|dont|ont|a|sont|est|était|étaient|ont|été|sera|seront|ce|ces|cette|il|ils|elle|elles|on|se|s'|leur|leurs|sa|son|ses|selon|depuis|pendant|avant|après|entre|vers|chez|ne|n'|pas|plus|moins|aussi|déjà|encore|ans|an|fois|pour cent|environ",
        ordinal: "e|er|ère|ème|eme|re|ᵉ|ᵉʳ",
        of: "de|d'",
    },
    LexiconText {
        code: "es",
        approx: "unos|unas|alrededor de|aproximadamente|cerca de|en torno a|cosa de|aprox",
        at_least: "más de|al menos|como mínimo|mayor de|no menos de|por lo menos|excesivo|superior a|más que",
        at_most: "menos de|hasta|como máximo|no más de|a lo sumo|por debajo de|menos que|no más que|casi|inferior a",
        or_more: "o más|y más",
        between: "entre|de|desde",
        range_and: "y",
        range_to: "a|hasta",
        year_before: "en|desde|año|del|de|hasta|antes|después|entre|y|a|principios|finales|mediados",
        year_after: "",
        section: "artículo|art|capítulo|sección|página|núm|número|nº|resolución|línea|vuelo",
        stop: "el|la|los|las|un|una|unos|unas|y|o|pero|de|del|a|al|en|con|por|para|sin|sobre|entre|que|quien|quienes|cuyo|se|su|sus|es|son|fue|fueron|era|eran|ha|han|había|habían|sido|será|serán|este|esta|estos|estas|ese|esa|esos|esas|él|ella|ellos|ellas|lo|le|les|no|más|menos|también|ya|aún|según|desde|hasta|durante|años|año|veces|por ciento",
        ordinal: "º|ª|o|a|er|ro|do|to|vo|no",
        of: "de",
    },
    LexiconText {
        code: "it",
        approx: "circa|intorno a|all'incirca|pressappoco|approssimativamente|sui|sulle|sugli|attorno a",
        at_least: "più di|almeno|oltre|non meno di|superiore a|oltre a",
        at_most: "meno di|fino a|al massimo|non più di|quasi|inferiore a|sotto",
        or_more: "o più|e più",
        between: "tra|fra|da|dai|dalle",
        range_and: "e",
        range_to: "a|ai|alle",
        year_before: "nel|dal|del|anno|nell'|fino|al|entro|tra|e|a|inizio|fine|metà|dall'|il|prima|dopo|in",
        year_after: "",
        section: "articolo|art|comma|capitolo|sezione|pagina|n|numero|risoluzione|linea|volo",
        stop: "il|lo|la|i|gli|le|l'|un|uno|una|un'|e|o|ma|di|del|della|dei|delle|degli|a|al|alla|ai|alle|in|nel|nella|nei|con|per|su|sul|da|dal|tra|fra|che|chi|cui|si|suo|sua|suoi|è|sono|era|erano|stato|stati|stata|ha|hanno|aveva|avevano|sarà|questo|questa|questi|quelle|non|più|meno|anche|già|ancora|secondo|durante|anni|anno|volte|per cento|mentre",
        ordinal: "º|ª|°",
        of: "di|d'",
    },
    LexiconText {
        code: "nl",
        approx: "ongeveer|circa|rond de|zo'n|ruwweg|rond|omstreeks|ca|pakweg|zowat",
        at_least: "meer dan|minstens|ten minste|ruim|boven de|minimaal|tenminste|boven",
        at_most: "minder dan|hooguit|maximaal|bijna|tot|lager dan|onder|hoogstens|nagenoeg|tot wel",
        or_more: "of meer|en meer",
        between: "tussen|van|vanaf",
        range_and: "en",
        range_to: "tot|à",
        year_before: "in|sinds|jaar|van|tot|vanaf|voor|na|begin|eind|midden|tussen|en",
        year_after: "",
        section: "artikel|art|hoofdstuk|lid|pagina|nr|nummer|resolutie|lijn|vlucht",
        stop: "de|het|een|en|of|maar|van|in|op|aan|met|voor|door|bij|naar|uit|om|over|tot|als|dan|dat|die|wie|wat|zich|zijn|haar|hun|hij|zij|ze|we|was|waren|is|werd|werden|wordt|worden|heeft|hebben|had|hadden|zal|zullen|kan|kunnen|moet|niet|ook|nog|al|meer|minder|jaar|jaren|keer|procent|volgens|sinds|tijdens",
        ordinal: "e|ste|de",
        of: "",
    },
    LexiconText {
        code: "pl",
        approx: "około|ok|mniej więcej|blisko|rzędu|jakieś|jakichś|szacunkowo",
        at_least: "ponad|co najmniej|przeszło|więcej niż|powyżej|minimum|przynajmniej|z górą",
        at_most: "mniej niż|do|prawie|niemal|najwyżej|poniżej|maksymalnie|nie więcej niż|niespełna",
        or_more: "lub więcej|i więcej",
        between: "między|od|pomiędzy",
        range_and: "a",
        range_to: "do",
        year_before: "w|od|do|roku|rok|przed|po|początku|końcu|połowie|między|a|latach",
        year_after: "r|rok|roku|rokiem",
        section: "artykuł|artykułu|artykule|art|ustęp|ustępu|ust|rozdział|rozdziału|punktu|paragraf|strona|nr|numer|pkt|punkt|rezolucja|linia|lot",
        stop: "i|a|oraz|lub|albo|ale|czy|jak|w|we|z|ze|na|do|od|po|o|przez|dla|przy|pod|nad|za|że|który|która|które|którzy|się|jego|jej|ich|on|ona|oni|one|jest|są|był|była|było|byli|były|został|została|zostało|zostali|zostały|będzie|będą|ma|mają|miał|miała|nie|też|także|już|jeszcze|więcej|mniej|lat|lata|roku|razy|procent|według|podczas|wśród|około",
        ordinal: "",
        of: "",
    },
    LexiconText {
        code: "cs",
        approx: "asi|přibližně|zhruba|kolem|okolo|cca|řádově|zhruba",
        at_least: "více než|nejméně|přes|alespoň|minimálně|víc než|nejmíň",
        at_most: "méně než|až|téměř|skoro|nejvýše|maximálně|do|necelých|necelé|bezmála",
        or_more: "a více|či více|nebo více",
        between: "mezi|od",
        range_and: "a",
        range_to: "do|až",
        year_before: "v|roce|od|do|rok|roku|před|po|začátku|konci|polovině|mezi|a|letech",
        year_after: "",
        section: "článek|článku|čl|odstavec|odstavce|odst|kapitola|strana|č|číslo|rezoluce|linka|let",
        stop: "a|i|nebo|ale|v|ve|z|ze|na|do|od|po|o|pro|při|pod|nad|za|s|se|k|ke|že|který|která|které|kteří|jeho|její|jejich|on|ona|oni|je|jsou|byl|byla|bylo|byli|byly|bude|budou|má|mají|měl|měla|ne|také|už|ještě|více|méně|let|roku|krát|procent|podle|během",
        ordinal: "",
        of: "",
    },
    LexiconText {
        code: "sl",
        approx: "približno|okoli|okrog|kakih|kakšnih|dobrih",
        at_least: "več kot|vsaj|najmanj|čez|nad",
        at_most: "manj kot|skoraj|največ|do|slabih|pod",
        or_more: "ali več|in več",
        between: "med|od",
        range_and: "in",
        range_to: "do",
        year_before: "v|leta|leto|od|do|pred|po|začetku|koncu|sredi|med|in|letu",
        year_after: "",
        section: "člen|člena|odstavek|poglavje|stran|št|številka|resolucija|linija|let",
        stop: "in|ali|pa|a|ampak|v|na|z|s|iz|do|od|po|o|za|pri|pod|nad|k|h|da|ki|ko|se|si|njegov|njen|njihov|on|ona|oni|je|so|bil|bila|bilo|bili|bile|bo|bodo|ima|imajo|ni|tudi|že|še|več|manj|let|leta|krat|odstotkov|odstotka|po",
        ordinal: "",
        of: "",
    },
    LexiconText {
        code: "bg",
        approx: "около|приблизително|към|близо",
        at_least: "над|поне|повече от|най-малко|не по-малко от|минимум",
        at_most: "под|до|по-малко от|почти|най-много|не повече от|едва|максимум",
        or_more: "или повече|и повече",
        between: "между|от",
        range_and: "и",
        range_to: "до",
        year_before: "през|от|до|година|годината|в|преди|след|началото|края|средата|между|и",
        year_after: "г|година|години|годината",
        section: "член|чл|алинея|ал|глава|страница|стр|№|номер|резолюция|линия|полет",
        stop: "и|или|но|а|в|във|на|с|със|от|до|по|за|при|под|над|към|че|който|която|което|които|се|си|негов|неин|техен|той|тя|те|е|са|беше|бяха|был|бил|била|било|били|ще|има|имат|не|също|вече|още|повече|по-малко|години|годи|пъти|процента|процент|според|през",
        ordinal: "",
        of: "",
    },
    LexiconText {
        code: "ru",
        approx: "около|примерно|приблизительно|порядка|где-то|свыше около|ориентировочно|почти что",
        at_least: "более|свыше|больше|не менее|по меньшей мере|как минимум|минимум|больше чем|выше|более чем|по крайней мере|не меньше",
        at_most: "менее|меньше|до|почти|не более|не больше|максимум|меньше чем|ниже|не свыше|менее чем|около до|едва",
        or_more: "и более|или более|и больше|или больше",
        between: "между|от|с",
        range_and: "и",
        range_to: "до|по",
        year_before: "в|с|по|до|от|году|год|года|начале|конце|середине|между|и|весной|летом|осенью|зимой",
        year_after: "г|год|года|году|годом|годах|гг",
        section: "статья|статьи|статьей|статье|ст|пункт|пункта|п|глава|главы|страница|стр|№|номер|резолюция|резолюции|часть|части|линия|рейс",
        stop: "и|или|но|а|в|во|на|с|со|из|от|до|по|за|при|под|над|к|ко|о|об|для|что|который|которая|которое|которые|которых|себя|его|ее|её|их|он|она|они|был|была|было|были|будет|будут|есть|является|не|также|тоже|уже|еще|ещё|более|менее|больше|лет|года|году|раз|процентов|процента|процент|согласно",
        ordinal: "й|го|я|е|ый|ий|ой|ая|ое|ого|ому|ом",
        of: "",
    },
    LexiconText {
        code: "uk",
        approx: "близько|приблизно|орієнтовно|порядку",
        at_least: "понад|більше|щонайменше|не менше|принаймні|більш ніж|більше ніж|мінімум|понад як",
        at_most: "менше|до|майже|не більше|щонайбільше|менш ніж|менше ніж|максимум|ледь",
        or_more: "і більше|або більше|й більше",
        between: "між|від|з",
        range_and: "і|й|та",
        range_to: "до|по",
        year_before: "у|в|з|із|до|від|році|рік|року|початку|кінці|середині|між|і|навесні|влітку|восени|взимку",
        year_after: "р|рік|року|році|роком|роках",
        section: "стаття|статті|статтею|ст|пункт|пункту|п|глава|розділ|сторінка|стор|№|номер|резолюція|резолюції|частина|частини|лінія|рейс",
        stop: "і|й|та|або|але|а|в|у|на|з|із|зі|від|до|по|за|при|під|над|к|о|об|для|що|який|яка|яке|які|яких|себе|його|її|їх|він|вона|вони|був|була|було|були|буде|будуть|є|не|також|теж|вже|ще|більше|менше|років|року|рази|разів|відсотків|відсотка|відсоток|згідно|людини",
        ordinal: "й|го|а|е|ий|ої|ому|им",
        of: "",
    },
    LexiconText {
        code: "id",
        approx: "sekitar|kira-kira|kira kira|kurang lebih|lebih kurang|sekira|kisaran|hampir sekitar",
        at_least: "setidaknya|sedikitnya|lebih dari|paling sedikit|minimal|di atas|melebihi|melewati|paling tidak|sekurang-kurangnya|sekurangnya",
        at_most: "kurang dari|hingga|maksimal|paling banyak|hampir|di bawah|tidak sampai|lebih murah dari|sebanyak-banyaknya|nyaris|tak sampai",
        or_more: "atau lebih|lebih",
        between: "antara|dari",
        range_and: "dan|sampai|hingga",
        range_to: "sampai|hingga|ke",
        year_before: "tahun|pada|sejak|selama|hingga|sampai|awal|akhir|pertengahan|antara|dan|di|dari|sebelum|setelah|sesudah",
        year_after: "",
        section: "pasal|ayat|bab|halaman|hlm|nomor|no|resolusi|nomer|penerbangan|jalur",
        stop: "yang|dan|atau|tetapi|di|ke|dari|pada|untuk|dengan|oleh|dalam|atas|bagi|tentang|sebagai|bahwa|ini|itu|mereka|dia|ia|kami|kita|saya|anda|adalah|ialah|telah|sudah|akan|sedang|masih|juga|tidak|bukan|lagi|lebih|kurang|tahun|kali|persen|menurut|sejak|selama|hingga|sampai|antara|setelah|sebelum|ada|para|serta",
        ordinal: "",
        of: "",
    },
    LexiconText {
        code: "pt",
        approx: "cerca de|aproximadamente|por volta de|em torno de|perto de|uns|umas|estimados|aprox",
        at_least: "mais de|pelo menos|no mínimo|ao menos|acima de|superior a|não menos de|mais que",
        at_most: "menos de|até|no máximo|não mais de|abaixo de|inferior a|quase|menos que",
        or_more: "ou mais|e mais",
        between: "entre|de|desde",
        range_and: "e",
        range_to: "a|até",
        year_before: "em|desde|ano|de|do|até|antes|depois|entre|e|a|início|final|meados",
        year_after: "",
        section: "artigo|art|capítulo|seção|secção|página|nº|número|resolução|linha|voo",
        stop: "o|a|os|as|um|uma|uns|umas|e|ou|mas|de|do|da|dos|das|em|no|na|nos|nas|ao|aos|à|às|com|por|pelo|pela|para|sem|sobre|entre|que|quem|cujo|se|seu|sua|seus|suas|é|são|foi|foram|era|eram|tem|têm|tinha|sido|será|serão|este|esta|estes|estas|esse|essa|esses|essas|ele|ela|eles|elas|lhe|lhes|não|mais|menos|também|já|ainda|segundo|desde|até|durante|anos|ano|vezes|por cento",
        ordinal: "º|ª|o|a",
        of: "de",
    },
];

/// A unit or currency after or before a number: lowercase form (or symbol) and the unit string.
/// Currencies use ISO 4217 codes; "cent" marks a hundredth of the currency unit.
pub(crate) const UNITS: &str = "
% %
% percent per_cent pct prozent pour_cent por_ciento por_cento per_cento procent procentów proc procento procenta procent odstotkov odstotka odstotke odstotki odstotek процент процента процентов процентах процентів відсоток відсотка відсотки відсотків persen
USD $ us$ usd dollar dollars dolarjev dolarja dolarji dólar dólares dolar dolares dollari dollaro dolarów dolary dolara dolarach dolarů доллар доллара долларов долларах долларами долл долар долара долари доларів доларам
EUR € eur euro euros евро євро €ur evrov evra evri evro evrih
GBP £ gbp pound_sterling pounds_sterling pound pounds sterline sterlina sterling livre livres libra libras фунт фунта фунтов фунтів фунт_стерлингов фунта_стерлингов фунтов_стерлингов фунтах_стерлингов фунтів_стерлінгів фунта_стерлінгів фунт_стерлінгів паунд паунда паунди
JPY ¥ jpy yen
CNY cny yuan renminbi юаней юаня
RUB ₽ rub ruble rubles rouble roubles рубль рубля рублей рублях рублями руб rubli rubel rubli rubla rubljev
UAH ₴ uah hryvnia hryvnias hryvnas гривна гривны гривен гривень гривні гривня гривнями грн hrywien hrywny hřiven
INR ₹ inr rupee rupees rs
IDR idr rupiah rp
BGN bgn лев лева лв
BRL brl reais
PLN pln złoty złotych złote zł zloty
CZK czk koruna korun korunách kč
CHF chf franken
CAD cad
AUD aud
MYR myr ringgit ringgits rm malaysia_ringgit malaysia_ringgits malaysian_ringgit malaysian_ringgits
ILS ils shekel shekels шекелей
MNT mnt tugrik tugriks
KWD kwd kuwaiti_dinar kuwaiti_dinars
LBP lbp lebanese_pound lebanese_pounds
EGP egp egyptian_pound egyptian_pounds egyptianpound geneh genihat_masriya
QAR qar qatari_riyal qatari_riyals
SAR sar saudi_riyal saudi_riyals saudiriyal
BYN byn
AED aed
TRY try lira liras
ESP pt pta ptas pesetas peseta
dinar dinar dinars
riyal riyal riyals
rial rial rials
cent ¢ c cent cents centavo centavos centime centimes centesimi centesimo penny pennies pence пенс пенни пени пенита центов цента цент центами ц ст стотинки стотинка копеек копейки копейками копійок копійки kopiykas sen sens
g g gr gs gram grams gramme grammes gramo gramos grammo grammi грамм грамма граммов г gramów gramy
kg kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes kilogramo kilogramos chilogrammi chilo килограмм килограмма килограммов кг kilogramów
mg mg milligram milligrams milligramme miligramos miligramo milligrammi миллиграмм миллиграмма мг
t tonne tonnes ton tons tonnen toneladas tonnellate тонн тонны тонна ton ton ts
lb lb lbs
oz oz ounce ounces onza onzas унции унция унций
cup cup cups tasse tasses taza tazas kopje kopjes tazza tazze
tbsp tablespoon tablespoons tbsp cuillère_à_soupe cuillères_à_soupe
pond pond
ons ons
km km kilometre kilometres kilometer kilometers kilómetros kilometros chilometri километров километра км kilometrów kilometrů kilometrov
m metres meters metre meter metros metri метров метра
mi mile miles
l litre litres liter liters litros litri литров литра
ha hectare hectares hektar hektarów гектаров га
";

/// Unit words that mean one unit when they stand without a number, in languages without articles
/// (Russian "килограмм сахара" is English "a kilogram of sugar"): `lang unit form...`, singular
/// nominative and accusative forms only. Polish and Czech are left out: their short forms are
/// also common words (Polish "gram" is "I play").
pub(crate) const LONE_UNITS: &str = "
ru kg килограмм кг
ru g грамм
ru mg миллиграмм мг
ru lb фунт
ru oz унция унцию
ru t тонна тонну
ru l литр
uk kg кілограм кг
uk g грам
uk lb фунт
uk t тонна тонну
uk l літр
";

/// Words after a number that mark a time of day or an age ("10 Uhr", "5 p.m."): not figures.
pub(crate) const CLOCK: &str = "o'clock|uhr|h|am|pm|a.m|p.m|heures|horas|ore|uur|godz|hod|час|часа|часов|утра|вечера|ранку|вечора|годин|години|pukul|wib|utc|gmt|cet|cest";

/// Plural endings and what replaces them, per language, first match wins (after
/// [`IRREGULAR_PLURALS`]; German has rules of its own first, Indonesian only strips "-nya").
/// A rule applies only when at least three letters remain.
pub(crate) const PLURAL_SUFFIXES: &[(&str, &[(&str, &str)])] = &[
    (
        "en",
        &[
            ("ies", "y"),
            ("sses", "ss"),
            ("xes", "x"),
            ("ches", "ch"),
            ("shes", "sh"),
            ("ss", "ss"),
            ("us", "us"),
            ("is", "is"),
            ("s", ""),
        ],
    ),
    (
        "de",
        &[
            ("heiten", "heit"),
            ("keiten", "keit"),
            ("ungen", "ung"),
            ("ionen", "ion"),
            ("onen", "on"),
            ("schaften", "schaft"),
            ("innen", "in"),
            ("aten", "at"),
            ("isten", "ist"),
            ("enten", "ent"),
            ("anten", "ant"),
            ("zeuge", "zeug"),
            ("chen", "chen"),
            ("ern", "er"),
            ("ere", "er"),
            ("nen", "ne"),
            ("en", "e"),
            ("e", ""),
            ("er", "er"),
            ("s", ""),
        ],
    ),
    (
        "fr",
        &[
            ("eaux", "eau"),
            ("aux", "al"),
            ("ès", "ès"),
            ("is", "is"),
            ("us", "us"),
            ("ys", "ys"),
            ("ps", "ps"),
            ("s", ""),
            ("x", ""),
        ],
    ),
    (
        "es",
        &[
            ("ces", "z"),
            ("ones", "ón"),
            ("les", "l"),
            ("res", "r"),
            ("nes", "n"),
            ("des", "d"),
            ("s", ""),
        ],
    ),
    (
        "it",
        &[
            ("gli", "glio"),
            ("ori", "ore"),
            ("esi", "ese"),
            ("ioni", "ione"),
            ("ali", "ale"),
            ("ari", "are"),
            ("ili", "ile"),
            ("i", "o"),
            ("e", "a"),
        ],
    ),
    (
        "nl",
        &[
            ("heden", "heid"),
            ("aten", "aat"),
            ("oden", "ood"),
            ("anen", "aan"),
            ("en", ""),
            ("s", ""),
        ],
    ),
    (
        "pl",
        &[
            ("ów", ""),
            ("ami", ""),
            ("ach", ""),
            ("om", ""),
            ("rzy", "rz"),
            ("czy", "cz"),
            ("szy", "sz"),
            ("ki", "k"),
            ("gi", "g"),
            ("y", ""),
            ("i", ""),
        ],
    ),
    (
        "cs",
        &[
            ("ů", ""),
            ("ové", ""),
            ("ích", ""),
            ("ech", ""),
            ("ách", ""),
            ("ci", "k"),
            ("y", ""),
            ("i", ""),
        ],
    ),
    ("sl", &[("ov", ""), ("ev", ""), ("ih", ""), ("i", "")]),
    (
        "bg",
        &[
            ("ци", "к"),
            ("ове", ""),
            ("еве", ""),
            ("ища", "ище"),
            ("и", ""),
            ("а", ""),
            ("я", ""),
        ],
    ),
    (
        "ru",
        &[
            ("ых", "ый"),
            ("их", "ий"),
            ("ов", ""),
            ("ев", ""),
            ("ами", ""),
            ("ями", ""),
            ("ах", ""),
            ("ях", ""),
            ("а", ""),
            ("ы", ""),
            ("и", ""),
        ],
    ),
    (
        "uk",
        &[
            ("их", "ий"),
            ("ів", ""),
            ("їв", ""),
            ("ами", ""),
            ("ях", ""),
            ("ах", ""),
            ("а", ""),
            ("и", ""),
            ("і", ""),
        ],
    ),
];

/// Plurals no suffix rule gets right, with their base forms.
pub(crate) const IRREGULAR_PLURALS: &[(&str, &str, &str)] = &[
    ("en", "people", "person"),
    ("en", "persons", "person"),
    ("en", "men", "man"),
    ("en", "women", "woman"),
    ("en", "children", "child"),
    ("en", "lives", "life"),
    ("de", "Menschen", "Mensch"),
];

/// German nominalised adjectives, which keep their -e ("Tote", "Schwerverletzten" ->
/// "Schwerverletzte").
pub(crate) const GERMAN_ADJECTIVAL: [&str; 12] = [
    "Tote",
    "tote",
    "verletzte",
    "Verletzte",
    "Gefangene",
    "gefangene",
    "Verwundete",
    "vermisste",
    "Vermisste",
    "Angehörige",
    "Infizierte",
    "Erkrankte",
];
