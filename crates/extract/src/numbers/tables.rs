//! Number words per language, as compact text compiled once by [`super::Numbers::new`].
//!
//! One line per meaning: `VALUE KIND form form ...`. Kinds: `v` a value (units, teens, tens, whole
//! hundreds such as "trescientos"), `h` the hundred multiplier, `m` a small multiplier of the
//! preceding unit (Indonesian "puluh"), `t` a teen marker adding ten to the preceding unit
//! ("belas"), `s` a scale (thousand and up), `d` a multiplier of everything read so far ("dozen"),
//! `c` a connector ("and", "und", "и"), `p` a decimal point word, `f` a fraction added to the
//! preceding unit ("с половиной"), `n` a sign word, `a` an article that can mean one ("a", "un",
//! "ein"), `w` a word that is a number only when read on its own ("few", "keiner"), `g` a vague
//! plural ("tens", "тысячи"). A form ending in `*` may also start a vague expression ("thousands of
//! troops"). Slavic inflected forms are listed in full (nominative, genitive, dative, instrumental,
//! locative as used in news); forms are lowercase and use the plain apostrophe.
//!
//! Languages whose numerals are written as one word ("dreiundzwanzig", "trentatré",
//! "drieëntwintig", "petindvajset") are segmented into these forms by the reader.

/// `(language, table)` pairs.
pub(crate) const TABLES: &[(&str, &str)] = &[
    ("en", EN),
    ("de", DE),
    ("fr", FR),
    ("es", ES),
    ("it", IT),
    ("nl", NL),
    ("pl", PL),
    ("cs", CS),
    ("sl", SL),
    ("bg", BG),
    ("ru", RU),
    ("uk", UK),
    ("id", ID),
    ("pt", PT),
];

const EN: &str = "
2 g several
0 v zero nought naught nil
1 v one
1 a a an
1 w single
2 v two
2 w pair couple
3 w few
3 v three
4 v four
5 v five
6 v six
7 v seven
8 v eight
9 v nine
10 v ten
11 v eleven
12 v twelve
13 v thirteen
14 v fourteen
15 v fifteen
16 v sixteen
17 v seventeen
18 v eighteen
19 v nineteen
20 v twenty
30 v thirty
40 v forty fourty
50 v fifty
60 v sixty
70 v seventy
80 v eighty
90 v ninety
10 g tens
100 h hundred hundreds*
1000 s thousand thousands*
100000 s lakh lakhs lac lacs lkh lkhs
1000000 s million millions* mln mn
10000000 s crore crores cr koti krore krores kr
1000000000 s billion billions* bn
1000000000000 s trillion trillions tn
12 d dozen dozens*
0 c and
0 p point
0 n minus negative
";

const DE: &str = "
2 g mehrere einige
0 v null
0 w keiner keinen keine kein
1 v eins
1 a ein eine einen einer eines einem
2 v zwei zwo
3 v drei
4 v vier
5 v fünf fuenf
6 v sechs
7 v sieben
8 v acht
9 v neun
10 v zehn
11 v elf
12 v zwölf zwoelf
13 v dreizehn
14 v vierzehn
15 v fünfzehn fuenfzehn
16 v sechzehn
17 v siebzehn
18 v achtzehn
19 v neunzehn
20 v zwanzig
30 v dreißig dreissig
40 v vierzig
50 v fünfzig fuenfzig
60 v sechzig
70 v siebzig
80 v achtzig
90 v neunzig
100 h hundert hunderte*
1000 s tausend tausende*
10000 g zehntausende
100000 g hunderttausende
1000000 s million millionen* mio
1000000000 s milliarde milliarden* mrd
1000000000000 s billion billionen
1000000000000000 s billiarde billiarden
12 d dutzend dutzende*
0 c und
0 p komma
0 n minus negativ
";

const FR: &str = "
2 g plusieurs quelques
0 v zéro zero
1 a un une
2 v deux
3 v trois
4 v quatre
5 v cinq
6 v six
7 v sept
8 v huit
9 v neuf
10 v dix
11 v onze
12 v douze
13 v treize
14 v quatorze
15 v quinze
16 v seize
20 v vingt vingts
30 v trente
40 v quarante
50 v cinquante
60 v soixante
10 g dizaines
100 h cent cents centaines*
1000 s mille mil milliers*
1000000 s million millions*
1000000000 s milliard milliards*
12 d douzaine douzaines*
0 c et
0 p virgule
0 n moins
";

const ES: &str = "
2 g varios varias
0 v cero zero
1 v uno
1 a un una
2 v dos
3 v tres trés
4 v cuatro
5 v cinco
6 v seis séis
7 v siete
8 v ocho
9 v nueve
10 v diez
11 v once
12 v doce
13 v trece
14 v catorce
15 v quince
16 v dieciséis dieciseis diesiseis
17 v diecisiete
18 v dieciocho
19 v diecinueve
20 v veinte
21 v veintiuno veintiún veintiun veintiuna
22 v veintidós veintidos
23 v veintitrés veintitres
24 v veinticuatro
25 v veinticinco
26 v veintiséis veintiseis
27 v veintisiete
28 v veintiocho
29 v veintinueve
30 v treinta
40 v cuarenta
50 v cincuenta
60 v sesenta
70 v setenta
80 v ochenta
90 v noventa
10 g decenas
100 v cien ciento
100 h cientos* centenares*
200 v doscientos doscientas
300 v trescientos trescientas
400 v cuatrocientos cuatrocientas
500 v quinientos quinientas
600 v seiscientos seiscientas
700 v setecientos setecientas
800 v ochocientos ochocientas
900 v novecientos novecientas
1000 s mil miles*
1000000 s millón millon millones*
1000000000000 s billón billon billones
12 d docena docenas*
0 c y
0 p punto coma con
0 n menos negativo
";

const IT: &str = "
2 g alcune alcuni diverse diversi
0 v zero
0 w nulla
1 v uno
1 a un una
2 v due
3 v tre tré
4 v quattro
5 v cinque
6 v sei
7 v sette
8 v otto
9 v nove
10 v dieci
11 v undici
12 v dodici
13 v tredici
14 v quattordici
15 v quindici
16 v sedici
17 v diciassette
18 v diciotto
19 v diciannove
20 v venti vent
30 v trenta trent
40 v quaranta quarant
50 v cinquanta cinquant
60 v sessanta sessant
70 v settanta settant
80 v ottanta ottant
90 v novanta novant
10 g decine
100 h cento cent centinaia*
1000 s mille mila migliaia*
1000000 s milione milioni* mln
1000000000 s miliardo miliardi* mld
12 d dozzina dozzine*
0 c e
0 p virgola
0 n meno negativo
";

const NL: &str = "
2 g enkele meerdere verscheidene
0 v nul
0 w geen niks
1 v één eén
1 a een
2 v twee
3 v drie
4 v vier
5 v vijf
6 v zes
7 v zeven
8 v acht
9 v negen
10 v tien
11 v elf
12 v twaalf
13 v dertien
14 v veertien
15 v vijftien
16 v zestien
17 v zeventien
18 v achttien
19 v negentien
20 v twintig
30 v dertig
40 v veertig
50 v vijftig
60 v zestig
70 v zeventig
80 v tachtig
90 v negentig
10 g tientallen
100 h honderd honderden*
1000 s duizend duizenden*
1000000 s miljoen miljoenen* mln
1000000000 s miljard miljarden* mld
12 d dozijn dozijnen*
144 d gros
0 c en ën
0 p komma
0 n min minus
";

const PL: &str = "
2 g kilka kilku
11 g kilkanaście kilkunastu
20 g kilkadziesiąt kilkudziesięciu
200 g kilkaset kilkuset
0 v zero
0 w nic
1 v jeden jedna jedno jednego jednej jednemu jednym jedną
1 w pojedynczy
2 v dwa dwie dwóch dwoch dwóm dwom dwoma dwu
2 w para
3 v trzy trzech trzem trzema
4 v cztery czterech czterem czterema
5 v pięć piec pięciu pieciu pięcioma
6 v sześć szesc sześciu szesciu sześcioma
7 v siedem siedmiu siedmioma
8 v osiem ośmiu osmiu ośmioma
9 v dziewięć dziewiec dziewięciu dziewieciu
10 v dziesięć dziesiec dziesięciu dziesieciu
11 v jedenaście jedenascie jedenastu
12 v dwanaście dwanascie dwunastu
13 v trzynaście trzynascie trzynastu
14 v czternaście czternascie czternastu
15 v piętnaście pietnascie piętnastu pietnastu
16 v szesnaście szesnascie szesnastu
17 v siedemnaście siedemnascie siedemnastu
18 v osiemnaście osiemnascie osiemnastu
19 v dziewiętnaście dziewietnascie dziewiętnastu dziewietnastu
20 v dwadzieścia dwadziescia dwudziestu
30 v trzydzieści trzydziesci trzydziestu
40 v czterdzieści czterdziesci czterdziestu
50 v pięćdziesiąt piecdziesiat pięćdziesięciu piecdziesieciu
60 v sześćdziesiąt szescdziesiat sześćdziesięciu szescdziesieciu
70 v siedemdziesiąt siedemdziesiat siedemdziesięciu siedemdziesieciu
80 v osiemdziesiąt osiemdziesiat osiemdziesięciu osiemdziesieciu
90 v dziewięćdziesiąt dziewiecdziesiat dziewięćdziesięciu dziewiecdziesieciu
10 g dziesiątki dziesiatki dziesiątek
100 g setki setek
100 v sto stu
200 v dwieście dwiescie dwustu
300 v trzysta trzystu
400 v czterysta czterystu
500 v pięćset piecset pięciuset pieciuset
600 v sześćset szescset sześciuset
700 v siedemset siedmiuset
800 v osiemset ośmiuset osmiuset
900 v dziewięćset dziewiecset dziewięciuset
1000 s tysiąc tysiac tysiąca tysiaca tysiącu tysiące* tysiace* tysięcy tysiecy tysiącami tysiacami tys
1000000 s milion miliona milionem milionie miliony* milionów milionow milionami mln
1000000000 s miliard miliarda miliardy* miliardów miliardow mld
0 c i
0 p przecinek
0 n minus
";

const CS: &str = "
2 g několik několika
0 v nula
1 v jeden jedna jedno jednoho jedné jednomu jedním
2 v dva dvě dvĕ dvou dvěma
3 v tři tří třem třemi
4 v čtyři čtyř čtyřem čtyřmi
5 v pět pěti
6 v šest šesti
7 v sedm sedmi
8 v osm osmi
9 v devět devíti
10 v deset deseti
11 v jedenáct jedenácti
12 v dvanáct dvanácti
13 v třináct třinácti
14 v čtrnáct čtrnácti
15 v patnáct patnácti
16 v šestnáct šestnácti
17 v sedmnáct sedmnácti
18 v osmnáct osmnácti
19 v devatenáct devatenácti
20 v dvacet dvaceti
30 v třicet třiceti
40 v čtyřicet čtyřiceti
50 v padesát padesáti
60 v šedesát šedesáti
70 v sedmdesát sedmdesáti
80 v osmdesát osmdesáti
90 v devadesát devadesáti
10 g desítky desítek
100 g stovky stovek
100 h sto sta stě set stech
1000 s tisíc tisíce* tisíci tisícem tis
1000000 s milion milionu milionem miliony* milionů milión miliónu milióny* miliónů mil
1000000000 s miliarda miliardy* miliard miliardu mld
0 c a
0 n minus
";

const SL: &str = "
2 g nekaj
0 v nula
0 w nič
1 v ena en eno enega eni enem enim
2 v dva dve dveh dvema
3 v tri treh trem tremi
4 v štiri štirih štirim
5 v pet petih
6 v šest šestih
7 v sedem sedmih
8 v osem osmih
9 v devet devetih
10 v deset desetih
11 v enajst
12 v dvanajst
13 v trinajst
14 v štirinajst
15 v petnajst
16 v šestnajst
17 v sedemnajst
18 v osemnajst
19 v devetnajst
20 v dvajset
30 v trideset
40 v štirideset
50 v petdeset
60 v šestdeset
70 v sedemdeset
80 v osemdeset
90 v devetdeset
10 g desetine
100 g stotine
100 h sto
200 v dvesto
300 v tristo
400 v štiristo
500 v petsto
600 v šeststo
700 v sedemsto
800 v osemsto
900 v devetsto
1000 s tisoč tisoča tisočih tisoči* tisoče* tis
1000000 s milijon milijona milijonov milijoni* mio
1000000000 s milijarda milijarde milijard milijardi mrd
0 c in
0 n minus
";

const BG: &str = "
2 g няколко
0 v нула
1 v един една едно
2 v два две двама
3 v три трима
4 v четири четирима
5 v пет петима
6 v шест шестима
7 v седем седмина
8 v осем
9 v девет
10 v десет
11 v единадесет единайсет
12 v дванадесет дванайсет
13 v тринадесет тринайсет
14 v четиринадесет четиринайсет
15 v петнадесет петнайсет
16 v шестнадесет шестнайсет
17 v седемнадесет седемнайсет
18 v осемнадесет осемнайсет
19 v деветнадесет деветнайсет
20 v двадесет двайсет
30 v тридесет трийсет
40 v четиридесет четирийсет
50 v петдесет
60 v шестдесет шейсет
70 v седемдесет
80 v осемдесет
90 v деветдесет
10 g десетки
100 g стотици
100 h сто
200 v двеста
300 v триста
400 v четиристотин
500 v петстотин
600 v шестстотин
700 v седемстотин
800 v осемстотин
900 v деветстотин
1000 s хиляда хиляди*
1000000 s милион милиона милиони* млн
1000000000 s милиард милиарда милиарди* млрд
0 c и
0 p цяло
0 n минус
";

const RU: &str = "
2 g несколько нескольких
0 v ноль нуль
0 w нисколько
1 v один одна одно одного одной одному одним одном одну одни
2 v два две двух двум двумя
3 v три трех трёх трем трём тремя
4 v четыре четырех четырёх четырем четырём четырьмя
5 v пять пяти пятью
6 v шесть шести шестью
7 v семь семи
8 v восемь восьми восемью восьмью
9 v девять девяти девятью
10 v десять десяти десятью
11 v одиннадцать одиннадцати
12 v двенадцать двенадцати
13 v тринадцать тринадцати
14 v четырнадцать четырнадцати
15 v пятнадцать пятнадцати
16 v шестнадцать шестнадцати
17 v семнадцать семнадцати
18 v восемнадцать восемнадцати
19 v девятнадцать девятнадцати
20 v двадцать двадцати двадцатью
30 v тридцать тридцати тридцатью
40 v сорок сорока
50 v пятьдесят пятидесяти пятьюдесятью
60 v шестьдесят шестидесяти шестьюдесятью
70 v семьдесят семидесяти семьюдесятью
80 v восемьдесят восьмидесяти восемьюдесятью
90 v девяносто девяноста
1.5 v полторы полтора полутора
10 g десятки десятков
100 g сотни сотен
100 h сто ста
200 v двести двухсот двумстам двумястами двухстах
300 v триста трехсот трёхсот тремстам
400 v четыреста четырехсот четырёхсот
500 v пятьсот пятисот пятистам
600 v шестьсот шестисот
700 v семьсот семисот
800 v восемьсот восьмисот
900 v девятьсот девятисот
1000 s тысяча тысячи* тысячу тысяч тысячам тысячами тысячах тысячей тыс
1000000 s миллион миллиона миллионов миллиону миллионами миллионах миллионы* млн
1000000000 s миллиард миллиарда миллиардов миллиардами миллиарды* млрд
1000000000000 s триллион триллиона триллионов трлн
0.5 f половиной
0 c и с
0 p точка запятая
0 n минус
";

const UK: &str = "
2 g кілька кількох декілька
0 v нуль ноль
1 v один одна одне одного однієї одному одним одну
2 v два дві двох двом двома
3 v три трьох трьом трьома
4 v чотири чотирьох чотирьом чотирма
5 v п'ять п'яти п'ятьма
6 v шість шести шістьма
7 v сім семи сьома
8 v вісім восьми вісьмома
9 v дев'ять дев'яти
10 v десять десяти
11 v одинадцять одинадцяти
12 v дванадцять дванадцяти
13 v тринадцять тринадцяти
14 v чотирнадцять чотирнадцяти
15 v п'ятнадцять п'ятнадцяти
16 v шістнадцять шістнадцяти
17 v сімнадцять сімнадцяти
18 v вісімнадцять вісімнадцяти
19 v дев'ятнадцять дев'ятнадцяти
20 v двадцять двадцяти
30 v тридцять тридцяти
40 v сорок сорока
50 v п'ятдесят п'ятдесяти
60 v шістдесят шістдесяти
70 v сімдесят сімдесяти
80 v вісімдесят вісімдесяти
90 v дев'яносто дев'яноста
1.5 v півтори півтора
10 g десятки десятків
100 g сотні сотень
100 h сто ста
200 v двісті двохсот
300 v триста трьохсот
400 v чотириста чотирьохсот
500 v п'ятсот п'ятисот
600 v шістсот шестисот
700 v сімсот семисот
800 v вісімсот восьмисот
900 v дев'ятсот дев'ятисот
1000 s тисяча тисячі* тисячу тисяч тисячами тисячах тис
1000000 s мільйон мільйона мільйонів мільйонами мільйони* млн
1000000000 s мільярд мільярда мільярдів мільярди* млрд
0.5 f половиною
0 c і й та з
0 p крапка кома
0 n мінус
";

const ID: &str = "
2 g beberapa
0 v nol
0 w kosong
1 v satu
2 v dua
3 v tiga
4 v empat
5 v lima
6 v enam
7 v tujuh
8 v delapan
9 v sembilan
10 v sepuluh
11 v sebelas
100 v seratus
10 m puluh
10 t belas
10 g puluhan
100 g ratusan
100 h ratus
1000 s ribu seribu rb ribuan*
1000000 s juta sejuta jt jutaan*
1000000000 s miliar milyar miliaran*
1000000000000 s triliun
0 p koma
0 n minus negatif
";

const PT: &str = "
2 g vários várias
0 v zero
1 a um uma
2 v dois duas
3 v três tres
4 v quatro
5 v cinco
6 v seis
7 v sete
8 v oito
9 v nove
10 v dez
11 v onze
12 v doze
13 v treze
14 v catorze quatorze
15 v quinze
16 v dezesseis dezasseis
17 v dezessete dezassete
18 v dezoito
19 v dezenove dezanove
20 v vinte
30 v trinta
40 v quarenta
50 v cinquenta
60 v sessenta
70 v setenta
80 v oitenta
90 v noventa
10 g dezenas
100 v cem cento
100 h centenas*
200 v duzentos duzentas
300 v trezentos trezentas
400 v quatrocentos quatrocentas
500 v quinhentos quinhentas
600 v seiscentos seiscentas
700 v setecentos setecentas
800 v oitocentos oitocentas
900 v novecentos novecentas
1000 s mil milhares*
1000000 s milhão milhao milhões* milhoes*
1000000000 s bilhão bilhao bilhões bilhoes
12 d dúzia duzia dúzias*
0 c e
0 p vírgula virgula ponto
0 n menos
";
