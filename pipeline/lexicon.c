/* lexicon.c - compiled-in word lists (cues, titles, names, gazetteer).
 *
 * Lists are space-separated strings; multi-word entries use '_' for the
 * space.  They are loaded once into an open-addressing hash table. */
#include "lexicon.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- cue verbs ---------------------------------------------------------
 * English regular verbs are given as stems and inflected below; irregular
 * forms are listed. */
static const char en_say_regular[] =
	"add note claim argue warn tweet explain insist deny announce counter "
	"suggest  declare stress emphasize emphasise acknowledge admit "
	"concede confirm contend assert complain "
	"reply respond remark     reveal "
	"testify caution boast lament  conclude agree disclose "
	"point_out vow pledge promise recount     "
	"allege indicate underline reiterate   retort  "
	"  hint      "
	"affirm declare exclaim    proclaim   "
	"explain  clarify    rebut insist "
	"acknowledge assure opine   ";
static const char en_say_irregular[] =
	"say says said saying write writes wrote writing "
	"tell_NOT speak_NOT "
	"think_NOT thinks_NOT "
	"add added adding adds admitted admitting admits "
	"tweeted tweeting tweets "
	"noted noting notes "
	"stated stating "
	"argued arguing argues "
	"cried "
	"replied replies replying "
	"denied denies denying "
	"testified testifies testifying "
		"put_it "
	"insisted insists insisting "
			"recalled recalls recalling "
		"";
static const char en_tell_words[] =
	"tell tells told telling inform informs informed informing "
	"assure assures assured assuring remind reminds reminded reminding "
	"ask asks asked asking advise advises advised advising "
	"warn warns warned warning urge urges urged urging "
	"brief briefs briefed briefing";
static const char en_accuse_regular[] =
	"accuse fault blame criticize criticise praise condemn slam "
	"   applaud chide rebuke   "
	"denounce reject";
static const char de_say[] =
	"sagte sagten sagt sagen sage gesagt erklärte erklärten erklärt erkläre "
	"betonte betonten betont meinte meinten meint äußerte äußerten äußert "
	"sprach sprachen spricht fügte fügten ergänzte ergänzten ergänzt "
	"teilte teilten teilt berichtete berichteten berichtet "
	"bestätigte bestätigten bestätigt kritisierte kritisierten kritisiert "
	"forderte forderten fordert warnte warnten warnt verkündete verkündeten "
	"verkündet behauptete behaupteten behauptet schrieb schrieben schreibt "
	"antwortete antworteten antwortet erläuterte erläuterten erläutert "
	"unterstrich unterstrichen unterstreicht bekräftigte bekräftigten "
	"kündigte kündigten kündigt gab räumte räumten räumt "
	"versicherte versicherten versichert wies wiesen weist "
	"stellte stellten stellt zitierte zitiert verwies verweist "
	"bezeichnete bezeichneten bezeichnet nannte nannten nennt "
	"so erzählte erzählten erzählt hieß heißt "
	"verteidigte verteidigten verteidigt attackierte attackierten lobte lobten "
	"beklagte beklagten mahnte mahnten appellierte drohte drohten versprach "
	"versprachen verspricht beschrieb beschrieben beschreibt erinnerte "
	"erinnerten bestritt bestritten dementierte dementierten widersprach "
	"kommentierte kommentierten fragte fragten sprechen warf warfen wirft "
	"gestand wiederholte wiederholten schilderte schilderten begründete "
	"begründeten rechtfertigte entgegnete entgegneten konterte erwiderte "
	"erwiderten klagte klagten twitterte schätzte schätzten";
static const char de_accord[] = "laut zufolge";
static const char fr_say[] =
	"dit déclaré déclare déclarent déclarait affirmé affirme affirment "
	"affirmait ajouté ajoute ajoutent ajoutait expliqué explique expliquent "
	"expliquait estimé estime estiment estimait précisé précise précisent "
	"souligné souligne soulignent indiqué indique indiquent annoncé annonce "
	"annoncent assuré assure assurent confié confie rappelé rappelle "
	"dénoncé dénonce insisté insiste lancé lance répondu répond "
	"reconnu reconnaît jugé juge martelé martèle prévenu prévient "
	"écrit écrivait raconté raconte admis admet constaté constate "
	"confirmé confirme regretté regrette demandé demande poursuit "
	"poursuivi conclu conclut déploré déplore répété démenti nié promis averti";
static const char fr_accord[] = "selon";

/* ---- people, titles, organisations --------------------------------------*/
static const char titles[] =
	"president vice-president minister secretary spokesman spokeswoman "
	"spokesperson senator sen. representative rep. governor gov. mayor "
	"chairman chairwoman chair chairperson director ambassador envoy "
	"chancellor premier prime king queen prince princess pope judge justice "
	"general gen. colonel col. lieutenant captain commander admiral sergeant "
	"officer official candidate nominee leader chief ceo cfo founder "
	"co-founder executive manager head deputy adviser advisor aide "
	"strategist analyst economist professor prof. researcher scientist "
	"attorney lawyer prosecutor sheriff commissioner councilman "
	"councilwoman congressman congresswoman lawmaker legislator delegate "
	"correspondent reporter editor columnist author coach striker "
	"manager spokesmen pastor bishop archbishop cardinal rabbi imam "
	"superintendent inspector detective sergeant trooper president-elect "
	"secretary-general speaker whip treasurer economist president's "
	"mp mep msp mla "
	"bundeskanzler bundeskanzlerin kanzler kanzlerin ministerin minister "
	"präsident präsidentin sprecher sprecherin vorsitzende vorsitzender "
	"bürgermeister bürgermeisterin außenminister außenministerin "
	"ministerpräsident ministerpräsidentin chef chefin direktor direktorin "
	"abgeordnete abgeordneter trainer professorin "
	"ministre président présidente porte-parole maire député députée "
	"secrétaire directeur directrice sénateur sénatrice premier-ministre "
	"entraîneur chef";
static const char title_mods[] =
	"former deputy senior vice acting chief foreign interior defense "
	"defence general executive presidential republican democratic "
	"democrat then-candidate interim incoming outgoing assistant associate "
	"top lead longtime long-time veteran principal press campaign state "
	"federal national white house communications policy political "
	"economic military party ehemalige ehemaliger stellvertretende "
	"stellvertretender ancien ancienne";
static const char honorifics[] =
	"mr. mrs. ms. dr. mr mrs ms dr sen. rep. gov. gen. lt. col. sgt. capt. "
	"prof. rev. adm. maj. cmdr. gov sen rep herr frau m. mme mme. mlle "
	"monsieur madame sir dame lord lady reverend";
static const char org_suffix[] =
	"department ministry party inc. inc corp. corp co. ltd. ltd llc plc "
	"center centre council agency committee commission company corporation "
	"association union university college institute foundation bank "
	"group organization organisation office court house senate congress "
	"parliament assembly board bureau service services administration "
	"authority network times post news journal tribune herald press "
	"fund alliance coalition federation league club campaign movement "
	"front army navy police force forces guard school academy hospital "
	"church society trust airlines airways motors systems technologies "
	"pictures records studios magazine radio television tv channel "
	"review gazette observer telegraph guardian star globe daily "
	"cabinet commons lords regime state caucus panel program programme "
	"ministerium partei regierung bundestag verband gericht ministère "
	"gouvernement parti assemblée conseil commission";
static const char org_words[] =
	"nato congress senate pentagon kremlin fbi cia nsa un u.n. eu e.u. "
	"imf opec who unesco unicef gop dnc rnc cnn bbc nbc cbs abc fox msnbc "
	"npr reuters ap afp politico bloomberg hamas hezbollah taliban isis "
	"isil nasa epa irs sec fda cdc nypd lapd dpa spd cdu csu fdp afd "
	"bundestag bundesrat bundeswehr facebook twitter google apple "
	"microsoft amazon wikileaks interpol parliament";
static const char pron_m[] = "he him his himself er ihm ihn il lui";
static const char pron_f[] = "she her hers herself sie ihr elle";
static const char pron_pl[] = "they them their we i ils elles wir";
static const char dets[] =
	"the a an his her their its our my your this that these those some "
	"many several most other another both each few any all one two three "
	"der die das den dem des ein eine einer eines einem einen "
	"le la les l' un une des du ce cette ces sa son ses leur leurs";
static const char boundaries[] =
	"that which who whom whose when while whereas because although though "
	"if unless since after before as and but or nor so than where whether "
	"until once however then yet also not only "
	"dass weil obwohl wenn als und aber oder sondern denn "
	"que qui quand mais ou et car parce lorsque";
static const char thats[] = "that dass que qu'";
static const char auxes[] =
	"has have had also later previously already then again repeatedly "
	"recently once will would could might may did does do was were is "
	"are been being had has since further just publicly privately "
	"reportedly explicitly simply flatly quickly bluntly often frequently "
	"never sometimes still even first initially earlier then-candidate "
	"separately today yesterday tonight subsequently finally eventually "
	"now not all "
	"hat habe hatte hatten haben auch bereits zudem jedoch dann noch "
	"außerdem ebenfalls weiter aussi également déjà ensuite avait ont "
	"se s' cependant toutefois pourtant ainsi encore notamment lui leur "
	"nous vous y en ne n' pas plus jamais aussitôt alors";
static const char stopcaps[] =
	"the a an in on at of for to by with from as and but or if when while "
	"this that these those there here it its he she they we i you his her "
	"their our my your what who why how where which after before during "
	"since until because although though however meanwhile but yet so "
	"not no yes mr mrs ms dr also then now today tonight yesterday "
	"monday tuesday wednesday thursday friday saturday sunday "
	"january february march april may june july august september "
	"october november december jan. feb. mar. apr. jun. jul. aug. sep. "
	"sept. oct. nov. dec. am pm a.m. p.m. one two three four five six "
	"seven eight nine ten first second third last next many some most "
	"all any each every both few several other such "
	"breaking update updated photo video read watch related advertisement "
	"der die das ein eine und oder aber am im in auf für mit von zu bei "
	"nach vor über unter es sie er wir ich ihr dies diese dieser dieses "
	"montag dienstag mittwoch donnerstag freitag samstag sonntag "
	"januar februar märz mai juni juli oktober dezember "
	"le la les un une et ou mais dans sur pour avec par en au aux du des "
	"ce cette il elle ils elles nous je lundi mardi mercredi jeudi "
	"vendredi samedi dimanche janvier février mars avril juin juillet "
	"août septembre octobre novembre décembre god internet web "
	"christmas easter ramadan thanksgiving olympics "
	"republicans democrats republican democrat conservatives liberals "
	"dear thanks please oh ok okay hey unlike despite instead asked "
	"meanwhile still later earlier even";
static const char demonyms[] =
	"american americans russian russians syrian syrians british german "
	"germans french chinese japanese iranian iranians iraqi iraqis "
	"israeli israelis palestinian palestinians european europeans african "
	"africans asian asians mexican mexicans canadian canadians italian "
	"italians spanish turkish turks ukrainian ukrainians afghan afghans "
	"pakistani pakistanis indian indians korean koreans saudi saudis "
	"egyptian egyptians libyan lebanese jordanian kurdish kurds arab "
	"arabs muslim muslims christian christians jewish jews catholic "
	"catholics latino latinos latina hispanic hispanics black white "
	"western eastern northern southern english irish scottish welsh "
	"australian australians brazilian dutch swiss swedish norwegian "
	"danish finnish polish greek greeks cuban cubans venezuelan "
	"colombian argentine nigerian kenyan somali yemeni qatari emirati "
	"islamic sunni shiite shia evangelical republican democratic "
	"tory tories labour conservative lib dem libdem ukip snp "
	"deutsche deutschen deutscher amerikanische amerikanischen russische "
	"russischen französische französischen britische britischen "
	"français française américain américaine russe allemand allemande "
	"européen européenne";
static const char given_m[] =
	"josh antonin jake liam lucas caleb connor evan gavin ian isaac joel "
	"oliver ricky trevor zach alex alfred andy barry bernard brad brendan "
	"charlie curtis danny dave devin dominic dustin dwight eddie edgar "
	"edwin eli elliot ernest felix fred gareth geoff geoffrey gilbert "
	"harvey herbert jamal jerome joey jon leroy malcolm maurice melvin "
	"micah nate ned preston randall rene rhys roland simon sylvester "
	"terrence theodore tomas wendell wilbur wilfred willard winston "
	"john james robert michael william david richard joseph thomas charles "
	"christopher daniel matthew anthony mark donald steven paul andrew "
	"joshua kenneth kevin brian george edward ronald timothy jason jeffrey "
	"ryan jacob gary nicholas eric jonathan stephen larry justin scott "
	"brandon benjamin samuel frank gregory raymond alexander patrick jack "
	"dennis jerry tyler aaron jose henry adam douglas nathan peter zachary "
	"kyle walter harold jeremy ethan carl keith roger gerald christian "
	"terry sean arthur austin noah lawrence jesse joe bryan billy jordan "
	"albert dylan bruce willie gabriel alan juan logan wayne ralph roy "
	"eugene randy vincent russell louis philip bobby johnny bradley "
	"barack bill mike ted bernie chris tim jeb rand marco ben newt rudy "
	"reince rick tom jim bob dick al hank sergey sergei vladimir bashar "
	"dmitry boris nikolai ivan francois françois emmanuel nicolas jacques "
	"pierre jean michel philippe alain hans klaus wolfgang peter günter "
	"gerhard helmut horst frank olaf markus stefan thomas andreas martin "
	"jürgen uwe dieter heinz karl friedrich wilhelm sigmar joachim "
	"angela_NOT mohammed muhammad ahmed ali hassan hussein omar abdul "
	"recep benjamin xi shinzo narendra justin kim moon tony gordon david "
	"nigel jeremy boris theresa_NOT stephen colin dan doug greg jeff ken "
	"matt nick pat pete phil ron sam steve tony vince wes luke mitch "
	"elijah reggie cory corey marcus andre darrell tyrone kareem "
	"kofi quentin norman rusty dante cameron sean luis jorge carlos "
	"miguel francisco enrique ildefonso mitt harry lonnie leon leonard "
	"elijah jared jimmy earl ralph reed hugh neil bret brett darren "
	"derek dale glenn howard lloyd marc mario max oscar otto rafael "
	"ramon roberto rodrigo ruben sergio victor xavier ahmad hamid "
	"javier pablo fernando andres diego alejandro eduardo manuel angel "
	"antonio mohamed mustafa abdullah yusuf ibrahim donnie freddie "
	"herman hector jay kurt lance lou marvin mel milton morris nelson "
	"norm owen percy rex rodney ross russ seth shane sid stan stuart "
	"todd travis troy vernon wade warren wesley";
static const char given_f[] =
	"anita annie audrey beth candace caroline carrie cassandra cathy cindy "
	"colleen connie courtney crystal debbie dolores edith eileen elaine "
	"eleanor elena erica felicia fiona florence gail harriet heidi isabel "
	"jeanne joanne josephine kathy kristen lillian lori lorraine louise "
	"madeline mandy marion marjorie mildred miriam naomi pauline renee "
	"rhonda roberta rosemary suzanne tamara tanya tiffany vanessa vivian "
	"mary patricia jennifer linda elizabeth barbara susan jessica sarah "
	"karen nancy lisa betty margaret sandra ashley kimberly emily donna "
	"michelle dorothy carol amanda melissa deborah stephanie rebecca "
	"sharon laura cynthia kathleen amy shirley angela helen anna brenda "
	"pamela nicole emma samantha katherine christine debra rachel "
	"catherine carolyn janet ruth maria heather diane virginia julie joyce "
	"victoria olivia kelly christina lauren joan evelyn judith megan "
	"cheryl andrea hannah martha jacqueline frances gloria ann teresa "
	"kathryn sara janice jean alice madison doris abigail julia judy "
	"grace denise amber marilyn beverly danielle theresa sophia marie "
	"diana brittany natalie isabella charlotte rose alexis kayla hillary "
	"melania ivanka chelsea nikki kellyanne huma loretta elizabeth "
	"condoleezza michele sarah jill tammy dianne nancy kamala hope "
	"minyon donna gennifer monica paula huma valerie susana marine "
	"ségolène martine christine anne sophie claire isabelle nathalie "
	"angela ursula annegret andrea claudia petra sabine birgit heike "
	"katrin julia renate ulla brigitte "
	"melanie tyresha krystal rakeyia sonya veronica lily marcia esther "
	"carla caryn clara cora ella ellen erin eva gina gwen hazel holly "
	"ida irene iris ivy jane jenna jill joan jocelyn kara kate katie "
	"kim lara leah lena lila lois lorna lucy lydia mabel mae maggie "
	"marian marsha maureen meg mia molly myra nina nora norma olga opal "
	"pam pearl peggy penny phyllis priscilla rita robin rosa rosie "
	"sally selena sheila shelby sonia stacy stella sue susie sylvia "
	"tara tina tracy trisha vera vicki viola wanda wendy yvonne zoe "
	"ayanna latoya tamika keisha shanice jasmine aaliyah imani nia "
	"adriana ariana azucena beatriz guadalupe juana lucia marisol "
	"paloma pilar rocio yolanda neera";
static const char particles[] =
	"de van von del della di da dos bin ibn al el abu";
static const char nouns_speaker[] =
	"officials official aides aide advisers adviser advisors sources "
	"source spokesman spokeswoman spokesperson statement report poll "
	"survey study experts analysts critics supporters opponents voters "
	"residents witnesses police investigators prosecutors lawyers "
	"democrats republicans leaders members people authorities observers "
	"administration campaign government ministry department agency "
	"company court officers researchers scientists economists group "
	"attorneys lawmakers senators spokesmen strategists historians "
	"activists protesters organizers executives diplomats ministers "
	"advocates doctors parents students teachers workers employees "
	"families relatives economists representatives percent majority "
	"sprecher sprecherin behörden polizei regierung experten "
	"porte-parole autorités";
static const char preps[] =
	"in on at during after before while when from with without about "
	"according to for of by into onto over under between among amid "
	"through across against toward towards via per who which that as "
	"last this yesterday today "
	"à au aux de du en dans sur pour par avec lors après avant chez sans "
	"im am auf bei mit nach vor zu zum zur von vom aus über gegen während "
	"gestern heute hier";
static const char cue_nouns[] =
	"statement interview email e-mail letter speech tweet post remarks "
	"conference call briefing release op-ed column message video "
	"appearance hearing news debate rally event";
static const char fn_en[] =
	"the and of to is was that for with he she it said on are they";
static const char fn_de[] =
	"der die und das ist nicht ein eine sich mit auf dem den des von "
	"wurde sagte dass";
static const char fn_fr[] =
	"le la les et est des une du dans qui pour pas sur au avec que";

/* ---- gazetteer ----------------------------------------------------------
 * "Canonical=alias|alias" entries; aliases are case-insensitive and use '_'
 * for spaces.  Countries, capitals, major cities, US states. */
static const char *const places[] = {
	"Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina",
	"Armenia", "Australia", "Austria=Österreich|Autriche", "Azerbaijan",
	"Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus",
	"Belgium=Belgien|Belgique", "Belize", "Benin", "Bhutan", "Bolivia",
	"Bosnia", "Botswana", "Brazil=Brasilien|Brésil", "Brunei", "Bulgaria",
	"Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada=Kanada",
	"Chad", "Chile", "China=Chine", "Colombia", "Congo", "Costa Rica",
	"Croatia", "Cuba", "Cyprus", "Czech Republic", "Denmark=Dänemark",
	"Djibouti", "Dominican Republic", "Ecuador", "Egypt=Ägypten|Égypte",
	"El Salvador", "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland",
	"France=Frankreich", "Gabon", "Gambia", "Georgia", "Germany=Deutschland|Allemagne",
	"Ghana", "Greece=Griechenland|Grèce", "Guatemala", "Guinea", "Guyana",
	"Haiti", "Honduras", "Hungary=Ungarn", "Iceland", "India=Indien|Inde",
	"Indonesia", "Iran", "Iraq=Irak", "Ireland=Irland|Irlande",
	"Israel=Israël", "Italy=Italien|Italie", "Ivory Coast", "Jamaica",
	"Japan=Japon", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait",
	"Kyrgyzstan", "Laos", "Latvia", "Lebanon=Libanon|Liban", "Lesotho",
	"Liberia", "Libya=Libyen|Libye", "Liechtenstein", "Lithuania",
	"Luxembourg=Luxemburg", "Madagascar", "Malawi", "Malaysia", "Maldives",
	"Mali", "Malta", "Mauritania", "Mauritius", "Mexico=Mexiko|Mexique",
	"Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco=Marokko|Maroc",
	"Mozambique", "Myanmar=Burma", "Namibia", "Nepal",
	"Netherlands=Niederlande|Pays-Bas|Holland", "New Zealand=Neuseeland",
	"Nicaragua", "Niger", "Nigeria", "North Korea=Nordkorea",
	"Norway=Norwegen|Norvège", "Oman", "Pakistan", "Palestine", "Panama",
	"Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland=Polen|Pologne",
	"Portugal", "Qatar", "Romania=Rumänien|Roumanie", "Russia=Russland|Russie",
	"Rwanda", "Saudi Arabia=Saudi-Arabien", "Senegal", "Serbia=Serbien",
	"Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia",
	"South Africa=Südafrika", "South Korea=Südkorea", "South Sudan",
	"Spain=Spanien|Espagne", "Sri Lanka", "Sudan", "Suriname",
	"Sweden=Schweden|Suède", "Switzerland=Schweiz|Suisse", "Syria=Syrien|Syrie",
	"Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Tunisia",
	"Turkey=Türkei|Turquie", "Turkmenistan", "Uganda", "Ukraine",
	"United Arab Emirates=UAE", "United Kingdom=UK|U.K.|Britain|Great_Britain|Großbritannien|Royaume-Uni",
	"United States=U.S.|US|USA|U.S.A.|America|United_States_of_America|Vereinigte_Staaten|États-Unis",
	"Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen=Jemen",
	"Zambia", "Zimbabwe", "Europe=Europa", "Africa=Afrika|Afrique",
	"Asia=Asien|Asie", "Middle East=Nahost", "Latin America",
	"Kabul", "Algiers", "Buenos Aires", "Canberra", "Sydney", "Melbourne",
	"Vienna=Wien|Vienne", "Baku", "Dhaka", "Minsk", "Brussels=Brüssel|Bruxelles",
	"Brasilia", "Rio de Janeiro", "Sao Paulo", "Sofia", "Ottawa", "Toronto",
	"Montreal", "Vancouver", "Santiago", "Beijing=Peking|Pékin", "Shanghai",
	"Hong Kong", "Bogota", "Havana", "Prague=Prag", "Copenhagen=Kopenhagen",
	"Cairo=Kairo|Le_Caire", "Helsinki", "Paris", "Lyon", "Marseille",
	"Berlin", "Munich=München", "Hamburg", "Frankfurt", "Cologne=Köln",
	"Bonn", "Stuttgart", "Dresden", "Leipzig", "Düsseldorf", "Athens=Athen|Athènes",
	"Budapest", "New Delhi=Neu-Delhi", "Delhi", "Mumbai", "Jakarta", "Tehran=Teheran|Téhéran",
	"Baghdad=Bagdad", "Dublin", "Jerusalem=Jérusalem", "Tel Aviv", "Gaza",
	"Rome=Rom", "Milan=Mailand", "Tokyo=Tokio", "Amman", "Nairobi", "Beirut=Beirut|Beyrouth",
	"Tripoli", "Mexico City", "Rabat", "Amsterdam", "The Hague=Den_Haag",
	"Wellington", "Lagos", "Abuja", "Pyongyang", "Oslo", "Islamabad",
	"Karachi", "Lima", "Manila", "Warsaw=Warschau|Varsovie", "Lisbon=Lissabon|Lisbonne",
	"Doha", "Bucharest", "Moscow=Moskau|Moscou", "St. Petersburg", "Riyadh",
	"Dakar", "Belgrade", "Johannesburg", "Cape Town", "Seoul", "Madrid",
	"Barcelona", "Stockholm", "Geneva=Genf|Genève", "Zurich=Zürich", "Bern",
	"Damascus=Damaskus|Damas", "Aleppo=Alep", "Homs", "Raqqa", "Mosul",
	"Taipei", "Bangkok", "Tunis", "Ankara", "Istanbul", "Kiev=Kyiv|Kiew",
	"Abu Dhabi", "Dubai", "London=Londres", "Manchester", "Birmingham",
	"Liverpool", "Edinburgh", "Glasgow", "Belfast", "Montevideo", "Caracas",
	"Hanoi", "Sanaa", "Harare", "Washington", "New York=New_York_City|NYC",
	"Los Angeles", "Chicago", "Houston", "Philadelphia", "Phoenix",
	"San Antonio", "San Diego", "Dallas", "San Francisco", "Boston",
	"Seattle", "Denver", "Detroit", "Atlanta", "Miami", "Baltimore",
	"Las Vegas", "Charlotte", "Cleveland", "Pittsburgh", "New Orleans",
	"Minneapolis", "St. Louis", "Kabul", "Benghazi", "Fallujah", "Crimea",
	"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado",
	"Connecticut", "Delaware", "Florida", "Hawaii", "Idaho", "Illinois",
	"Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
	"Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
	"Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
	"New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio",
	"Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina",
	"South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
	"West Virginia", "Wisconsin", "Wyoming", "Puerto Rico",
	"Scotland=Schottland|Écosse", "England", "Wales", "Northern Ireland",
	"Bavaria=Bayern", "Quebec", "Ontario", "Siberia", "Chechnya",
	"Kashmir", "Tibet", "Kurdistan", "Darfur", "West Bank", "Golan Heights",
	NULL
};

/* ---- the table ----------------------------------------------------------*/
#define LEX_CAP 16384 /* power of two, well above the number of words */
#define LEX_KEYMAX 48

typedef struct lex_slot {
	char key[LEX_KEYMAX];
	np_lex_entry e;
	uint8_t len; /* strlen(key), so a probe costs no strlen */
} lex_slot;

static lex_slot lex_table[LEX_CAP];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;
static const char *place_names[512];
static char place_store[512][40];

size_t np_lex__lower(const char *s, size_t n, char *out, size_t cap)
{
	if (n + 1 > cap)
		return 0;
	int typo = 0; /* saw an E2 lead byte: maybe a typographic apostrophe */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		typo |= c == 0xE2;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xC3 && i + 1 < n) {
			unsigned char d = (unsigned char)s[i + 1];
			/* Latin-1 capitals À..Þ (not ×) are C3 80..9E */
			out[i] = (char)c;
			if (d >= 0x80 && d <= 0x9E && d != 0x97)
				d = (unsigned char)(d + 0x20);
			typo |= d == 0xE2;
			out[++i] = (char)d;
			continue;
		}
		if (c == '_')
			c = ' ';
		out[i] = (char)c;
	}
	/* the typographic apostrophe counts as a straight one */
	size_t o = typo ? 0 : n;
	for (size_t i = o; i < n; i++) {
		if (i + 2 < n && (unsigned char)out[i] == 0xE2 &&
		    (unsigned char)out[i + 1] == 0x80 && (unsigned char)out[i + 2] == 0x99) {
			out[o++] = '\'';
			i += 2;
		} else
			out[o++] = out[i];
	}
	out[o] = '\0';
	return o;
}

static uint32_t lex_hash(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 16777619u;
	}
	return h;
}

static lex_slot *lex_slot_hashed(const char *key, size_t n, uint32_t hash, int create)
{
	uint32_t h = hash & (LEX_CAP - 1);
	for (size_t probe = 0; probe < LEX_CAP; probe++) {
		lex_slot *s = &lex_table[(h + probe) & (LEX_CAP - 1)];
		if (!s->key[0]) {
			if (!create)
				return NULL;
			memcpy(s->key, key, n);
			s->key[n] = '\0';
			s->len = (uint8_t)n;
			s->e.place = -1;
			return s;
		}
		if (s->len == n && memcmp(s->key, key, n) == 0)
			return s;
	}
	return NULL;
}

static lex_slot *lex_slot_for(const char *key, size_t n, int create)
{
	return lex_slot_hashed(key, n, lex_hash(key, n), create);
}

static void lex_add(const char *word, size_t n, uint32_t flags, uint8_t langs,
                    int place)
{
	char key[LEX_KEYMAX];
	size_t k = np_lex__lower(word, n, key, sizeof key);
	if (!k)
		return;
	lex_slot *s = lex_slot_for(key, k, 1);
	if (!s)
		return;
	s->e.flags |= flags;
	/* languages matter for cues and pronouns only */
	if (flags & (LX_CUE_SAY | LX_CUE_TELL | LX_CUE_ACCUSE | LX_CUE_ACCORD | LX_PRON_M |
	             LX_PRON_F | LX_PRON_PL))
		s->e.langs |= langs;
	if (place >= 0 && s->e.place < 0)
		s->e.place = (int16_t)place;
}

/* Add every word of a space-separated list.  A word ending in "_NOT" is
 * skipped (kept in the source to record a decision). */
static void lex_add_list(const char *list, uint32_t flags, uint8_t langs)
{
	const char *p = list;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		if (n == 0)
			continue;
		if (n > 4 && memcmp(w + n - 4, "_NOT", 4) == 0)
			continue;
		lex_add(w, n, flags, langs, -1);
	}
}

/* English regular inflection: stem, -s, -ed, -ing. */
static void lex_add_inflected(const char *list, uint32_t flags)
{
	const char *p = list;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		if (n == 0 || n > 30)
			continue;
		/* phrasal entries ("point_out") keep only their verb */
		const char *us = memchr(w, '_', n);
		size_t vn = us ? (size_t)(us - w) : n;
		char f[40];
		memcpy(f, w, vn);
		f[vn] = '\0';
		lex_add(f, vn, flags, LX_LANG_EN, -1);
		char last = f[vn - 1], prev = vn > 1 ? f[vn - 2] : 'a';
		int cons_y = last == 'y' && !strchr("aeiou", prev);
		char buf[48];
		if (cons_y) {
			snprintf(buf, sizeof buf, "%.*sies", (int)vn - 1, f);
			lex_add(buf, strlen(buf), flags, LX_LANG_EN, -1);
			snprintf(buf, sizeof buf, "%.*sied", (int)vn - 1, f);
			lex_add(buf, strlen(buf), flags, LX_LANG_EN, -1);
		} else {
			int es = last == 's' || last == 'x' || last == 'h' || last == 'z';
			snprintf(buf, sizeof buf, "%s%s", f, es ? "es" : "s");
			lex_add(buf, strlen(buf), flags, LX_LANG_EN, -1);
			snprintf(buf, sizeof buf, "%s%s", f, last == 'e' ? "d" : "ed");
			lex_add(buf, strlen(buf), flags, LX_LANG_EN, -1);
		}
		if (last == 'e' && prev != 'e')
			snprintf(buf, sizeof buf, "%.*sing", (int)vn - 1, f);
		else
			snprintf(buf, sizeof buf, "%sing", f);
		lex_add(buf, strlen(buf), flags, LX_LANG_EN, -1);
	}
}

static void lex_add_places(void)
{
	for (int i = 0; places[i] && i < 512; i++) {
		const char *e = places[i];
		const char *eq = strchr(e, '=');
		size_t n = eq ? (size_t)(eq - e) : strlen(e);
		if (n >= sizeof place_store[0])
			n = sizeof place_store[0] - 1;
		memcpy(place_store[i], e, n);
		place_store[i][n] = '\0';
		place_names[i] = place_store[i];
		lex_add(e, n, LX_PLACE, LX_LANG_ALL, i);
		if (!eq)
			continue;
		const char *p = eq + 1;
		while (*p) {
			const char *a = p;
			while (*p && *p != '|')
				p++;
			lex_add(a, (size_t)(p - a), LX_PLACE, LX_LANG_ALL, i);
			if (*p == '|')
				p++;
		}
	}
}

/* The function words alone (LX_FN_*), copied from the finished table: the
 * language guesses look up thousands of words per article, and this table
 * (16 KB) stays in cache where the whole lexicon (1 MB) does not. */
#define LEX_FN_CAP 1024
#define LX_FN_ANY (LX_FN_EN | LX_FN_DE | LX_FN_FR)

typedef struct {
	const char *key;  /* the lexicon slot's key */
	uint32_t hash;
	uint32_t flags;   /* its LX_FN_* flags */
	uint8_t len;
} lex_fn_slot;

static lex_fn_slot lex_fn[LEX_FN_CAP];
static int lex_fn_ok; /* 0: too many words, np_lex__fn asks the lexicon */

static void lex_fn_build(void)
{
	size_t n = 0;
	for (size_t i = 0; i < LEX_CAP; i++) {
		const lex_slot *s = &lex_table[i];
		if (!s->key[0] || !(s->e.flags & LX_FN_ANY))
			continue;
		if (++n > LEX_FN_CAP / 2)
			return;
		uint32_t h = lex_hash(s->key, s->len);
		size_t j = h & (LEX_FN_CAP - 1);
		while (lex_fn[j].key)
			j = (j + 1) & (LEX_FN_CAP - 1);
		lex_fn[j] = (lex_fn_slot){ s->key, h, s->e.flags & LX_FN_ANY, s->len };
	}
	lex_fn_ok = 1;
}

static void lex_init(void)
{
	lex_add_inflected(en_say_regular, LX_CUE_SAY);
	lex_add_list(en_say_irregular, LX_CUE_SAY, LX_LANG_EN);
	lex_add_list(en_tell_words, LX_CUE_TELL, LX_LANG_EN);
	lex_add_inflected(en_accuse_regular, LX_CUE_ACCUSE);
	lex_add_list("according", LX_CUE_ACCORD, LX_LANG_EN);
	lex_add_list(de_say, LX_CUE_SAY, LX_LANG_DE);
	lex_add_list(de_accord, LX_CUE_ACCORD, LX_LANG_DE);
	lex_add_list(fr_say, LX_CUE_SAY, LX_LANG_FR);
	lex_add_list(fr_accord, LX_CUE_ACCORD, LX_LANG_FR);
	lex_add_list(titles, LX_TITLE, LX_LANG_ALL);
	lex_add_list(title_mods, LX_TITLE_MOD, LX_LANG_ALL);
	lex_add_list(honorifics, LX_HONORIFIC, LX_LANG_ALL);
	lex_add_list(org_suffix, LX_ORG_SUFFIX, LX_LANG_ALL);
	lex_add_list(org_words, LX_ORG_WORD, LX_LANG_ALL);
	lex_add_list(pron_m, LX_PRON_M, LX_LANG_ALL);
	lex_add_list(pron_f, LX_PRON_F, LX_LANG_ALL);
	lex_add_list(pron_pl, LX_PRON_PL, LX_LANG_ALL);
	lex_add_list(dets, LX_DET, LX_LANG_ALL);
	lex_add_list(boundaries, LX_BOUNDARY, LX_LANG_ALL);
	lex_add_list(thats, LX_THAT, LX_LANG_ALL);
	lex_add_list(auxes, LX_AUX, LX_LANG_ALL);
	lex_add_list(stopcaps, LX_STOPCAP, LX_LANG_ALL);
	lex_add_list(demonyms, LX_DEMONYM, LX_LANG_ALL);
	lex_add_list(given_m, LX_GIVEN_M, LX_LANG_ALL);
	lex_add_list(given_f, LX_GIVEN_F, LX_LANG_ALL);
	lex_add_list(particles, LX_PARTICLE, LX_LANG_ALL);
	lex_add_list(nouns_speaker, LX_NOUN_SPEAKER, LX_LANG_ALL);
	lex_add_list(preps, LX_PREP, LX_LANG_ALL);
	lex_add_list(cue_nouns, LX_CUE_NOUN, LX_LANG_ALL);
	lex_add_list(fn_en, LX_FN_EN, LX_LANG_EN);
	lex_add_list(fn_de, LX_FN_DE, LX_LANG_DE);
	lex_add_list(fn_fr, LX_FN_FR, LX_LANG_FR);
	lex_add_places();
	lex_fn_build();
}

/* pthread_once is a call per word on the hot path: a flag set after the
 * table is built skips it (acquire pairs with the release below) */
static _Atomic int lex_built;

static void lex_init_once(void)
{
	lex_init();
	atomic_store_explicit(&lex_built, 1, memory_order_release);
}

static inline void lex_ready(void)
{
	if (!atomic_load_explicit(&lex_built, memory_order_acquire))
		pthread_once(&lex_once, lex_init_once);
}

/* lex_key's plain ASCII path: the lowered byte, or 0x100 for a byte it
 * leaves to np_lex__lower (>= 0x80, '_'). */
#define LEX_L4(c) (c), (c) + 1, (c) + 2, (c) + 3
#define LEX_L16(c) LEX_L4(c), LEX_L4((c) + 4), LEX_L4((c) + 8), LEX_L4((c) + 12)
#define LEX_X4 0x100, 0x100, 0x100, 0x100
#define LEX_X16 LEX_X4, LEX_X4, LEX_X4, LEX_X4
static const uint16_t lex_ascii_lower[256] = {
	LEX_L16(0x00), LEX_L16(0x10), LEX_L16(0x20), LEX_L16(0x30),
	/* 0x40 '@', then A-Z lowered, then [ \\ ] ^ and '_' (0x5F) */
	0x40, LEX_L16('a'), 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
	0x5B, 0x5C, 0x5D, 0x5E, 0x100,
	LEX_L16(0x60), LEX_L16(0x70),
	LEX_X16, LEX_X16, LEX_X16, LEX_X16, LEX_X16, LEX_X16, LEX_X16, LEX_X16 };
#undef LEX_L4
#undef LEX_L16
#undef LEX_X4
#undef LEX_X16

/* The lexicon's key of s[0, n) into key (LEX_KEYMAX bytes) and its hash;
 * returns the key's length, 0 when the word cannot be in the lexicon. */
static size_t lex_key(const char *s, size_t n, char *key, uint32_t *hash)
{
	size_t k;
	uint32_t h = 2166136261u;
	/* Hot (every token, and the language guesses): plain ASCII without '_'
	 * is lowered and hashed in one pass; anything else takes
	 * np_lex__lower (Latin-1 capitals, the typographic apostrophe). */
	size_t at = 0;
	if (n + 1 <= LEX_KEYMAX)
		for (; at < n; at++) {
			unsigned c = lex_ascii_lower[(unsigned char)s[at]];
			if (c > 0xFF) /* a byte >= 0x80 or '_' */
				break;
			key[at] = (char)c;
			h = (h ^ c) * 16777619u;
		}
	if (n + 1 <= LEX_KEYMAX && at == n) {
		k = n;
		key[k] = '\0';
	} else {
		k = np_lex__lower(s, n, key, LEX_KEYMAX);
		h = lex_hash(key, k);
	}
	*hash = h;
	return k;
}

uint32_t np_lex__fn(const char *s, size_t n)
{
	lex_ready();
	if (!lex_fn_ok)
		return np_lex__lookup(s, n).flags & LX_FN_ANY;
	char key[LEX_KEYMAX];
	uint32_t h;
	size_t k = lex_key(s, n, key, &h);
	if (!k)
		return 0;
	/* (the German title suffixes of np_lex__lookup give no LX_FN_*) */
	for (size_t j = h & (LEX_FN_CAP - 1); lex_fn[j].key; j = (j + 1) & (LEX_FN_CAP - 1))
		if (lex_fn[j].hash == h && lex_fn[j].len == k && memcmp(lex_fn[j].key, key, k) == 0)
			return lex_fn[j].flags;
	return 0;
}

uint32_t np_lex__fn_lowered(const char *s, size_t n, const char *key, uint32_t h)
{
	lex_ready();
	if (!lex_fn_ok || n == 0 || n + 1 > LEX_KEYMAX)
		return np_lex__fn(s, n);
	/* key and h are what lex_key makes of plain ASCII */
	for (size_t j = h & (LEX_FN_CAP - 1); lex_fn[j].key; j = (j + 1) & (LEX_FN_CAP - 1))
		if (lex_fn[j].hash == h && lex_fn[j].len == n && memcmp(lex_fn[j].key, key, n) == 0)
			return lex_fn[j].flags;
	return 0;
}

np_lex_entry np_lex__lookup(const char *s, size_t n)
{
	np_lex_entry none = { 0, 0, -1 };
	lex_ready();
	char key[LEX_KEYMAX];
	uint32_t h;
	size_t k = lex_key(s, n, key, &h);
	if (!k)
		return none;
	lex_slot *slot = lex_slot_hashed(key, k, h, 0);
	if (slot)
		return slot->e;
	if (k < 7) /* every suffix below needs k > its length + 2 >= 6 */
		return none;
	/* German compounds: Finanzminister, Regierungssprecherin */
	/* lengths known at compile time: this runs for every unknown word */
#define LEX_SUF(w) { w, sizeof w - 1 }
	static const struct { const char *s; size_t n; } suffixes[] = { LEX_SUF("minister"),
		LEX_SUF("ministerin"), LEX_SUF("präsident"), LEX_SUF("präsidentin"),
		LEX_SUF("sprecher"), LEX_SUF("sprecherin"), LEX_SUF("kanzler"),
		LEX_SUF("kanzlerin"), LEX_SUF("chef"), LEX_SUF("chefin"),
		LEX_SUF("vorsitzende"), LEX_SUF("vorsitzender"), LEX_SUF("direktor"),
		LEX_SUF("direktorin"), LEX_SUF("bürgermeister"), LEX_SUF("bürgermeisterin"),
		LEX_SUF("sekretär"), LEX_SUF("sekretärin") };
#undef LEX_SUF
	/* every suffix ends in one of these: most unknown words stop here */
	unsigned char last = (unsigned char)key[k - 1];
	if (last != 'r' && last != 'n' && last != 't' && last != 'f' && last != 'e')
		return none;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t sl = suffixes[i].n;
		if (k > sl + 2 && key[k - 1] == suffixes[i].s[sl - 1] &&
		    memcmp(key + k - sl, suffixes[i].s, sl) == 0) {
			np_lex_entry e = { LX_TITLE, LX_LANG_ALL, -1 };
			return e;
		}
	}
	return none;
}

const char *np_lex__place_name(int idx)
{
	lex_ready();
	if (idx < 0 || idx >= 512 || !place_names[idx])
		return "";
	return place_names[idx];
}
