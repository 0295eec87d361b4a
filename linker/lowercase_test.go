package linker_test

import (
	"context"
	"testing"

	"reel"
	"reel/linker"
)

// lowerLinker links against a catalog for the evidence lower-cased,
// tokenised reviews (Pang & Lee's polarity corpus) still carry.
func lowerLinker(t *testing.T) *linker.Linker {
	t.Helper()
	f := func(id int64, title string, year, votes int) reel.Film {
		return reel.Film{ID: reel.FilmID(id), Type: "movie", Title: title, OriginalTitle: title, Year: year, Votes: votes}
	}
	src := &linker.Mem{
		Films: []reel.Film{
			f(107507, "Manhattan Murder Mystery", 1993, 45000),
			f(118655, "Austin Powers: International Man of Mystery", 1997, 240000),
			f(145660, "Austin Powers: The Spy Who Shagged Me", 1999, 230000),
			f(105104, "Passenger 57", 1992, 90000),
			f(116253, "Executive Decision", 1996, 110000),
			f(99810, "The Hunt for Red October", 1990, 200000),
			f(151738, "Never Been Kissed", 1999, 110000),
			f(120855, "Tarzan", 1999, 230000),
			f(120685, "Godzilla", 1998, 200000),
			f(441909, "Volver", 2006, 104000),
			f(120660, "Enemy of the State", 1998, 280000),
			f(116448, "The Great White Hype", 1996, 20000),
			f(110099, "I.Q.", 1994, 300000),
			f(120647, "Deep Impact", 1998, 129000),
			f(120591, "Armageddon", 1998, 400000),
			f(117998, "Twister", 1996, 365000),
			f(120844, "Star Trek: Insurrection", 1998, 90000),
			f(120461, "Volcano", 1997, 100000),
			f(17136, "Metropolis", 1927, 180000),
			f(112431, "Babe", 1995, 130000),
			f(120873, "U.S. Marshals", 1998, 110000),
			f(100663, "Sorority House Massacre II", 1990, 3000),
			f(117571, "Scream", 1996, 380000),
			f(120082, "Scream 2", 1997, 220000),
			f(80761, "Friday the 13th", 1980, 150000),
			f(375073, "Slasher", 2004, 3000),
			f(120888, "The Wedding Singer", 1998, 160000),
			f(120724, "Knock Off", 1998, 15000),
			f(139239, "Go", 1999, 75000),
			f(113277, "Heat", 1995, 700000),
			f(120148, "Sliding Doors", 1998, 150000),
			f(134273, "8MM", 1999, 140000),
			f(33467, "Citizen Kane", 1941, 450000),
			f(120399, "U Turn", 1997, 60000),
			f(443274, "Vantage Point", 2008, 160000),
			f(108394, "Three Colors: Blue", 1993, 110000),
			f(119008, "Donnie Brasco", 1997, 330000),
			f(110478, "Maverick", 1994, 110000),
			f(800010, "A Great Wall", 1986, 3000),
			f(151137, "The Messenger: The Story of Joan of Arc", 1999, 70000),
			f(120863, "The Thin Red Line", 1998, 200000),
			f(82418, "Friday the 13th Part 2", 1981, 70000),
			f(83972, "Friday the 13th Part III", 1982, 60000),
			f(110638, "Nell", 1994, 60000),
			f(800045, "Dilbert", 1999, 60000),
			f(1245526, "Red", 2010, 300000),
			f(117731, "Star Trek: First Contact", 1996, 140000),
			f(111280, "Star Trek: Generations", 1994, 80000),
			f(76759, "Star Wars", 1977, 1400000),
			f(120915, "Star Wars: Episode I - The Phantom Menace", 1999, 850000),
			f(121765, "Star Wars: Episode II - Attack of the Clones", 2002, 750000),
			f(80684, "Star Wars: Episode V - The Empire Strikes Back", 1980, 1300000),
			f(120902, "The X Files", 1998, 110000),
			f(97883, "Millennium", 1989, 400000),
			f(95016, "Die Hard", 1988, 900000),
			f(47849, "Bad Day at Black Rock", 1955, 2000),
			f(99785, "Home Alone", 1990, 500000),
			f(90605, "Aliens", 1986, 700000),
			f(120458, "Virus", 1999, 40000),
			f(120789, "Pleasantville", 1998, 300000),
			f(119303, "Home Alone 3", 1997, 3000),
			{ID: reel.FilmID(106179), Type: "tvSeries", Title: "The X-Files", OriginalTitle: "The X-Files", Year: 1993, Votes: 20000},
			f(160916, "The Story of Us", 1999, 30000),
			f(387564, "Saw", 2004, 400000),
			f(32910, "Pinocchio", 1940, 150000),
			f(107818, "Philadelphia", 1993, 250000),
			f(66206, "Patton", 1970, 110000),
			f(158583, "Last Night", 1998, 8000),
			f(120689, "The Green Mile", 1999, 1300000),
			f(118826, "The Castle", 1997, 25000),
			f(34583, "Casablanca", 1942, 600000),
			f(109831, "Four Weddings and a Funeral", 1994, 150000),
			f(72913, "Master of the Flying Guillotine", 1976, 60000),
			{ID: reel.FilmID(47034), Type: "movie", Title: "Godzilla", OriginalTitle: "Gojira", Year: 1954, Votes: 100000},
			{ID: reel.FilmID(239195), Type: "tvSeries", Title: "Survivor", OriginalTitle: "Survivor", Year: 2000, Votes: 30000},
		},
		AltTitles: []linker.AltTitle{{Film: 72913, AltTitle: reel.AltTitle{Title: "One Armed Boxer vs. the Flying Guillotine"}}},
		People: []reel.Person{{ID: 94435, Name: "John McTiernan"}, {ID: 106, Name: "Drew Barrymore"},
			{ID: 264, Name: "Pedro Almodóvar"}, {ID: 4851, Name: "Penélope Cruz"}, {ID: 226, Name: "Will Smith"},
			{ID: 485, Name: "Fritz Lang"}, {ID: 5315, Name: "Freddie Prinze Jr."},
			{ID: 231, Name: "Oliver Stone"}, {ID: 5001, Name: "James Marsden"},
			{ID: 5002, Name: "Jada Pinkett Smith"}, {ID: 5003, Name: "Shirley MacLaine"},
			{ID: 1008, Name: "Wes Craven"}, {ID: 5004, Name: "Neve Campbell"},
			{ID: 115, Name: "Nicolas Cage"}, {ID: 1433, Name: "Catherine Keener"}, {ID: 80, Name: "Orson Welles"},
			{ID: 182, Name: "Jennifer Lopez"}, {ID: 1729, Name: "Garry Shandling"}, {ID: 1425, Name: "Krzysztof Kieslowski"},
			{ID: 1532, Name: "Garry Marshall"}, {ID: 5006, Name: "Garry Chalk"}, {ID: 5007, Name: "Frank Welker"},
			{ID: 5013, Name: "Elias Koteas"}, {ID: 5014, Name: "Nick Nolte"},
			{ID: 5015, Name: "Jean-Claude Van Damme"},
			{ID: 5016, Name: "Milla Jovovich"}, {ID: 134, Name: "Robert De Niro"},
			{ID: 5011, Name: "Peter Wang"}, {ID: 5012, Name: "Kelvin Han Yee"},
			{ID: 5008, Name: "Martha Plimpton"}, {ID: 5009, Name: "Martha Raye"}, {ID: 5010, Name: "Martha Hyer"},
			{ID: 136, Name: "Johnny Depp"}, {ID: 5017, Name: "Haruo Nakajima"}, {ID: 5018, Name: "Steve Miner"}},
		Credits: []reel.Credit{
			{FilmID: 99810, PersonID: 94435, Ordering: 1, Category: "director"},
			{FilmID: 151738, PersonID: 106, Ordering: 1, Category: "actress", Characters: []string{"Josie Geller"}},
			{FilmID: 441909, PersonID: 264, Ordering: 1, Category: "director"},
			{FilmID: 441909, PersonID: 4851, Ordering: 2, Category: "actress", Characters: []string{"Raimunda"}},
			{FilmID: 120660, PersonID: 226, Ordering: 1, Category: "actor", Characters: []string{"Robert Clayton Dean"}},
			{FilmID: 17136, PersonID: 485, Ordering: 1, Category: "director"},
			{FilmID: 120888, PersonID: 5315, Ordering: 2, Category: "actor"},
			{FilmID: 120660, PersonID: 231, Ordering: 3, Category: "producer"},
			{FilmID: 120660, PersonID: 5001, Ordering: 4, Category: "actor"},
			{FilmID: 120660, PersonID: 5002, Ordering: 5, Category: "actress"},
			{FilmID: 120660, PersonID: 5003, Ordering: 6, Category: "actress", Characters: []string{"Shirley MacLaine"}},
			{FilmID: 117571, PersonID: 1008, Ordering: 1, Category: "director"},
			{FilmID: 117571, PersonID: 5004, Ordering: 2, Category: "actress", Characters: []string{"Sidney Prescott"}},
			{FilmID: 120082, PersonID: 1008, Ordering: 1, Category: "director"},
			{FilmID: 120082, PersonID: 5004, Ordering: 2, Category: "actress", Characters: []string{"Sidney Prescott"}},
			{FilmID: 134273, PersonID: 115, Ordering: 1, Category: "actor", Characters: []string{"Tom Welles"}},
			{FilmID: 134273, PersonID: 1433, Ordering: 2, Category: "actress", Characters: []string{"Amy Welles"}},
			{FilmID: 33467, PersonID: 80, Ordering: 1, Category: "director"},
			{FilmID: 120399, PersonID: 182, Ordering: 1, Category: "actress", Characters: []string{"Grace McKenna"}},
			{FilmID: 120591, PersonID: 1729, Ordering: 2, Category: "actor"},
			{FilmID: 108394, PersonID: 1425, Ordering: 1, Category: "director"},
			{FilmID: 120591, PersonID: 1532, Ordering: 3, Category: "actor"},
			{FilmID: 120591, PersonID: 5006, Ordering: 4, Category: "actor"},
			{FilmID: 33467, PersonID: 80, Ordering: 2, Category: "actor", Characters: []string{"Charles Foster Kane"}},
			{FilmID: 120863, PersonID: 5013, Ordering: 3, Category: "actor", Characters: []string{"Capt. James 'Bugger' Staros"}},
			{FilmID: 120863, PersonID: 5014, Ordering: 2, Category: "actor", Characters: []string{"Lt. Col. Gordon Tall"}},
			{FilmID: 120724, PersonID: 5015, Ordering: 1, Category: "actor", Characters: []string{"Marcus Ray"}},
			{FilmID: 120724, PersonID: 134, Ordering: 2, Category: "actor"},
			{FilmID: 151137, PersonID: 5016, Ordering: 1, Category: "actress", Characters: []string{"Joan of Arc"}},
			{FilmID: 800010, PersonID: 5011, Ordering: 1, Category: "actor", Characters: []string{"Leo Fang"}},
			{FilmID: 800010, PersonID: 5012, Ordering: 2, Category: "actor", Characters: []string{"Paul Fang"}},
			{FilmID: 110478, PersonID: 5008, Ordering: 5, Category: "actress"},
			{FilmID: 110478, PersonID: 5009, Ordering: 6, Category: "actress"},
			{FilmID: 110478, PersonID: 5010, Ordering: 7, Category: "actress"},
			{FilmID: 120685, PersonID: 5007, Ordering: 5, Category: "actor", Characters: []string{"Godzilla"}},
			{FilmID: 82418, PersonID: 5018, Ordering: 1, Category: "director"},
			{FilmID: 83972, PersonID: 5018, Ordering: 1, Category: "director"},
			{FilmID: 47034, PersonID: 5017, Ordering: 6, Category: "actor", Characters: []string{"Godzilla"}},
			{FilmID: 119008, PersonID: 136, Ordering: 1, Category: "actor", Characters: []string{"Joseph D. Pistone / Donnie Brasco"}},
		},
	}
	l, err := linker.Build(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestLowerCaseEvidence(t *testing.T) {
	l := lowerLinker(t)
	tests := []struct {
		name string
		text string
		hint linker.FilmHint
		want []want
		not  []string
	}{
		{"a title misspelt by one letter", "i quite enjoyed \" manhatten murder mystery \" , and the rest of his films this decade were fine too .",
			linker.FilmHint{}, []want{{"manhatten murder mystery", "tt0107507"}}, nil},
		{"a title misspelt by a consonant", "i quite enjoyed \" executive decizion \" , and the rest of his films this decade were fine too .",
			linker.FilmHint{}, []want{{"executive decizion", "tt0116253"}}, nil},
		{"a misspelt everyday word is the word", "as the locals gear up for the new millennuim , lenny goes about his business of peddling memories .",
			linker.FilmHint{}, nil, []string{"millennuim"}},
		{"everyday words joined by a hyphen are a compound, not the title", "only for die-hard creature feature fans , this might be fun if you could check your brain .",
			linker.FilmHint{}, nil, []string{"die-hard"}},
		{"the name \"of the title\" is the title's hero", `the " godzilla " of the title is a lizard the size of a building , and it swims to new york .`,
			linker.FilmHint{ID: "tt0120685"}, []want{{"godzilla", "tt0120685/nm0005007"}}, nil},
		{"the object of an action, across an article and modifiers, is the hero", "together they attempt to find and destroy the surprisingly elusive godzilla before it spawns .",
			linker.FilmHint{ID: "tt0120685"}, []want{{"godzilla", "tt0120685/nm0005007"}}, nil},
		{"the original title of an eponymous film names its hero too", "toho introduced the land of the rising sun to gojira , a reptilian creature of immense proportions .",
			linker.FilmHint{ID: "tt0047034"}, []want{{"gojira", "tt0047034/nm0005017"}}, nil},
		{"a quoted title keeps the critic's article", "its other classics include \" the one armed boxer vs . the flying guillotine , \" and little else .",
			linker.FilmHint{}, []want{{"the one armed boxer vs . the flying guillotine", "tt0072913"}}, nil},
		{"a title written without one of its articles", "richard curtis , whose exceptional first work four weddings and funeral shows us that he is a master .",
			linker.FilmHint{ID: "tt0109831"}, []want{{"four weddings and funeral", "tt0109831"}}, []string{"four weddings"}},
		{"a sequel's subtitle the catalog lacks", "hard to die is a sequel to sorority house massacre 2 : nightie nightmare ( 1990 ) , and it shows .",
			linker.FilmHint{}, []want{{"sorority house massacre 2 : nightie nightmare", "tt0100663"}}, nil},
		{"no subtitle past a person's name", "it is a sequel to sorority house massacre 2 : the return of wes craven , and it shows .",
			linker.FilmHint{}, []want{{"sorority house massacre 2", "tt0100663"}}, nil},
		{"a place with a date sets a scene", "Casablanca, December 1941. Refugees wait for exit visas to Lisbon, and Rick runs a bar.",
			linker.FilmHint{ID: "tt0034583"}, nil, []string{"Casablanca"}},
		{"a title's own article after a possessive", "the whole film feels like a reworking of last year's extremely unpleasant the story of us , for teen audiences .",
			linker.FilmHint{}, []want{{"the story of us", "tt0160916"}}, nil},
		{"\"it's\" is no possessive", "in the end it's the story of us all , and of the town we grew up in .",
			linker.FilmHint{}, nil, []string{"the story of us"}},
		{"a possessive's phrase ends at a preposition", "there is richard o'brien's jaunt through the castle ( which is now a hotel ! ) where it was shot .",
			linker.FilmHint{}, nil, []string{"the castle"}},
		{"a part of a series by its number, once the series is named", "steve miner is back , and in 3-d . part 3 takes place a day after the events of part 2 , and neither is a patch on friday the 13th itself .",
			linker.FilmHint{}, []want{{"part 3", "tt0083972"}, {"part 2", "tt0082418"}, {"friday the 13th", "tt0080761"}}, nil},
		{"an everyday one-word title after a quantifier is the word", "cameron's sequel featured multiple aliens doing basically the same thing on a larger scale .",
			linker.FilmHint{ID: "tt0090605"}, nil, []string{"aliens"}},
		{"a place of the story by its name", "through edgecomb's experiences on a cell block known as the green mile , where prisoners wait , we learn a lot .",
			linker.FilmHint{ID: "tt0120689"}, nil, []string{"the green mile"}},
		{"a work by its name is still a title", "he was in a box office bomb called the green mile , and it shows .",
			linker.FilmHint{}, []want{{"the green mile", "tt0120689"}}, nil},
		{"everyday words after the critic's determiner are the critic's phrase", "he made a film about how each of them deals with their last night of life , and it works .",
			linker.FilmHint{ID: "tt0158583"}, nil, []string{"last night"}},
		{"a title taking \", who\" is someone", "tyler and affleck make a convincing couple . patton , who is a magnificent actor , is not wasted here .",
			linker.FilmHint{}, nil, []string{"patton"}},
		{"a title that is a place is the place", "as hoblit depicts it , philadelphia is a dark , dreary place , a gothic city of sin .",
			linker.FilmHint{}, nil, []string{"philadelphia"}},
		{"a film has its place too", "after the oscars , philadelphia was already cementing its place in film history .",
			linker.FilmHint{ID: "tt0107818"}, []want{{"philadelphia", "tt0107818"}}, nil},
		{"a compound of a famous title's words is the compound", "people have waited twenty-two years for the prequel to star wars and die-hard fans have been camping out at theaters .",
			linker.FilmHint{ID: "tt0120915"}, nil, []string{"die-hard"}},
		{"a plural subject makes an everyday title the verb", "the heroine gets no sympathy from me when things go awry in the third act .",
			linker.FilmHint{ID: "tt0139239"}, nil, []string{"go"}},
		{"a fairy tale by its name", "david , highly influenced by the fairy tale , pinocchio , feels that he can become a real boy .",
			linker.FilmHint{}, nil, []string{"pinocchio"}},
		{"four words of content in a row, however little known the film", "think of bad day at black rock , where a stranger gets off the train and the town closes ranks .",
			linker.FilmHint{}, []want{{"bad day at black rock", "tt0047849"}}, nil},
		{"a title ending in a sequel number, however little known the sequel", "the villains in home alone 3 are even less engaging than the pair in the first .",
			linker.FilmHint{}, []want{{"home alone 3", "tt0119303"}}, nil},
		{"a place of the story", "a freak accident plops them in the town of pleasantville , where it never rains .",
			linker.FilmHint{}, nil, []string{"pleasantville"}},
		{"a web address", "more is at www . pleasantville . com , if you must .",
			linker.FilmHint{}, nil, []string{"pleasantville"}},
		{"the subtitle after an episode's dash", "after all the hype for the new star wars , the phantom menace features the most eye-catching look in history .",
			linker.FilmHint{ID: "tt0120915"}, []want{{"the phantom menace", "tt0120915"}}, nil},
		{"one of a series", "there is talk of a fifth friday the 13th movie , as if the world needed another .",
			linker.FilmHint{}, nil, []string{"friday the 13th"}},
		{"the last one of a series", "i was a little worried about the last friday the 13th movie , and rightly so .",
			linker.FilmHint{}, nil, []string{"friday the 13th"}},
		{"a one-word title takes no article of the critic's", "a little girl confirms that , yes , the aliens were here and she survived by hiding .",
			linker.FilmHint{ID: "tt0090605"}, nil, []string{"aliens"}},
		{"an everyday one-word title after the critic's \"the\" is the word, in its own review", "the device has to be placed very near the twister , and in its path .",
			linker.FilmHint{ID: "tt0117998"}, nil, []string{"twister"}},
		{"an everyday one-word title after an article and a modifier is the word, in its own review", "nadia explains their situation : a computer virus has taken over the ship .",
			linker.FilmHint{ID: "tt0120458"}, nil, []string{"virus"}},
		{"a plural is the word, not a slip", "the effects are cheap and the baby godzillas seem to be one computer effect multiplied on the screen .",
			linker.FilmHint{}, nil, []string{"godzillas"}},
		{"a series title and a number", "i'll bet you're having fun at home while this , south park , and austin powers ii plays in theatres .",
			linker.FilmHint{}, []want{{"austin powers ii", "tt0145660"}}, []string{"austin powers"}},
		{"titles in a list support each other", "we've seen it before in passenger 57 , executive decision , and countless other flicks .",
			linker.FilmHint{}, []want{{"passenger 57", "tt0105104"}, {"executive decision", "tt0116253"}}, nil},
		{"a director's film by part of its title", "the same actor was cheered as seaman jones in john mctiernan's red october , years ago .",
			linker.FilmHint{}, []want{{"red october", "tt0099810"}}, nil},
		{"part of the title of the film under review", "as a scathing sports spoof , hype is just that : unfunny , unfocused and plain pointless .",
			linker.FilmHint{ID: "tt0116448"}, []want{{"hype", "tt0116448"}}, nil},
		{"the head noun of the film under review's title", "a few parts conspiracy theory , enemy is about as exciting as watching smith talk to aliens .",
			linker.FilmHint{ID: "tt0120660"}, []want{{"enemy", "tt0120660"}}, nil},
		{"the head noun after an article is the word", "the hero meets the enemy of his father at the docks and the two of them talk .",
			linker.FilmHint{ID: "tt0120660"}, nil, []string{"enemy"}},
		{"a contemporary of the film under review", "the only real reason for making this film was to somehow out-perform deep impact , and it shows .",
			linker.FilmHint{ID: "tt0120591"}, []want{{"deep impact", "tt0120647"}}, nil},
		{"the same words beside a film of another decade", "the only real reason for making this film was to somehow out-perform deep impact , and it shows .",
			linker.FilmHint{ID: "tt0099810"}, nil, []string{"deep impact"}},
		{"a contemporary's one-word title the text keeps coming back to", "twister had amazing effects . this is less thrilling than twister , but twister had no plot either .",
			linker.FilmHint{ID: "tt0120461"}, []want{{"twister", "tt0117998"}}, nil},
		{"a one-word contemporary named once is the word", "the storm came up like a twister and the town is gone in the first act .",
			linker.FilmHint{ID: "tt0120461"}, nil, []string{"twister"}},
		{"an inverted auxiliary before its subject", "twister had amazing effects and i was hoping so would volcano .",
			linker.FilmHint{ID: "tt0120461"}, []want{{"volcano", "tt0120461"}}, nil},
		{"a one-word subtitle after its full title", "enemy came out with star trek : insurrection , and that enemy outgrossed insurrection baffles me .",
			linker.FilmHint{ID: "tt0120660"}, []want{{"insurrection", "tt0120844"}}, nil},
		{"a subtitle's word after an article", "it came out with star trek : insurrection , and the insurrection in the plot is a bore .",
			linker.FilmHint{ID: "tt0120660"}, nil, []string{"insurrection"}},
		{"a verb phrase, not a title", "there are people who have never been kissed , and drew barrymore has never been kissed either , or so the story goes .",
			linker.FilmHint{ID: "tt0151738"}, nil, []string{"never been kissed"}},
		{"a quoted word between an article and its noun", `the studio gave it a " godzilla " budget and the result is just as loud as you would fear .`,
			linker.FilmHint{}, nil, []string{"godzilla"}},
		{"a quoted title", `i saw " godzilla " twice this week and i still cannot tell you what happens in it .`,
			linker.FilmHint{}, []want{{"godzilla", "tt0120685"}}, nil},
		{"an initialism's everyday word", "till one's sensibilities are shocked by the low iq and mentality of this regressive movie .",
			linker.FilmHint{}, nil, []string{"iq"}},
		{"someone, not a film", "the hero finds a sort of female tarzan who controls the ape and the jungle around it .",
			linker.FilmHint{}, nil, []string{"tarzan"}},
		{"a title after its director's possessive", "the tinting is much like the 1984 version of lang's metropolis , and it works .",
			linker.FilmHint{}, []want{{"metropolis", "tt0017136"}}, nil},
		{"a title after someone else's possessive is the word", "the mayor's metropolis is a grim place to live in , as the film shows .",
			linker.FilmHint{}, nil, []string{"metropolis"}},
		{"italics are no scare quotes", "i cried during _babe_ . i admit it , and the rest of the family did too .",
			linker.FilmHint{}, []want{{"babe", "tt0112431"}}, nil},
		{"an initialism spelt out by a tokeniser", "snipes is a master of bad roles : u . s . marshals , passenger 57 , and more .",
			linker.FilmHint{}, []want{{"u . s . marshals", "tt0120873"}, {"passenger 57", "tt0105104"}}, nil},
		{"a sequel number in figures for the catalog's roman one", "hard to die is a sequel to sorority house massacre 2 , which i have seen .",
			linker.FilmHint{}, []want{{"sorority house massacre 2", "tt0100663"}}, nil},
		{"a sequel's number is part of its title", "what surprises me about scream 2 is how many it kills . scream did it first , and scream did it better .",
			linker.FilmHint{ID: "tt0120082"}, []want{{"scream 2", "tt0120082"}}, nil},
		{"a title before a word for a film", "enough blood comes out to do one friday the 13th movie , and then some .",
			linker.FilmHint{}, []want{{"friday the 13th", "tt0080761"}}, nil},
		{"a genre before a word for a film", "a makeup artist working on a cheesy slasher movie in moscow sees a murder .",
			linker.FilmHint{}, nil, []string{"slasher"}},
		{"an indefinite article before the film under review's title part", "the wedding singer is sweet . the fact that he's a wedding singer hardly matters to anyone .",
			linker.FilmHint{ID: "tt0120888"}, []want{{"the wedding singer", "tt0120888"}}, []string{"wedding singer"}},
		{"an indefinite article before a title", "knock off is loud . there are shots of the inner workings of a knock off running shoe .",
			linker.FilmHint{ID: "tt0120724"}, []want{{"knock off", "tt0120724"}}, nil},
		{"an everyday word as a verb", "if you go to see it , take my advice . they made up a story to go along with the credits .",
			linker.FilmHint{ID: "tt0139239"}, nil, []string{"go"}},
		{"a title in a comparison", "it tells different sides of the story , like sliding doors kinda did , and does it well .",
			linker.FilmHint{}, []want{{"sliding doors", "tt0120148"}}, nil},
		{"an everyday word in a comparison is the word", "the room felt like heat coming off the asphalt in the summer .",
			linker.FilmHint{}, nil, []string{"heat"}},
		{"a surname after a full name with a generation", "it stars freddie prinze jr . as a student , and prinze's mother is a dj .",
			linker.FilmHint{}, []want{{"freddie prinze jr", "nm0005315"}, {"prinze", "nm0005315"}}, nil},
		{"a nickname after the full name", "this is an oliver stone picture . but , ollie , old sage , do not take a good story and waste it .",
			linker.FilmHint{}, []want{{"oliver stone", "nm0000231"}, {"ollie", "nm0000231"}}, nil},
		{"a well-known person by a nickname", "our main man is steve , blandly played by jimmy marsden , who moves to a small town .",
			linker.FilmHint{}, []want{{"jimmy marsden", "nm0005001"}}, nil},
		{"a three-word name by its first two", "we follow a young couple ( jada pinkett and a friend ) at a sneak preview .",
			linker.FilmHint{}, []want{{"jada pinkett", "nm0005002"}}, nil},
		{"a linked film's director by surname", "i am grateful for metropolis ( 1927 ) , and for lang , who made it when cinema was young .",
			linker.FilmHint{ID: "tt0120660"}, []want{{"metropolis", "tt0017136"}, {"lang", "nm0000485"}}, nil},
		{"someone playing themselves is the person", "the movie also features shirley maclaine , who pops up in a cameo .",
			linker.FilmHint{ID: "tt0120660"}, []want{{"shirley maclaine", "nm0005003"}}, nil},
		{"a character's surname after the full name", "nicolas cage plays private investigator tom welles . at home , welles is a family man .",
			linker.FilmHint{ID: "tt0134273"}, []want{{"tom welles", "tt0134273/nm0000115"}, {"welles", "tt0134273/nm0000115"}}, nil},
		{"an everyday word for a character named in full", "bobby meets up with grace mckenna ( jennifer lopez ) in town . later , grace asks bobby for a favour .",
			linker.FilmHint{ID: "tt0120399"}, []want{{"grace", "tt0120399/nm0000182"}}, nil},
		{"an everyday word for a character not named before is the word", "she moves with grace and the town watches her . jennifer lopez is fine .",
			linker.FilmHint{ID: "tt0120399"}, nil, []string{"grace"}},
		{"a popular person's misspelt surname after the exact first name", "it is great to have the comic voices of garry schandling and others in the lineup .",
			linker.FilmHint{}, []want{{"garry schandling", "nm0001729"}}, nil},
		{"a demonstrative before a title makes it the phrase", "everything suddenly makes sense , and from this vantage point he lets us smirk at life .",
			linker.FilmHint{}, nil, []string{"vantage point"}},
		{"a subtitle after its maker's possessive", "alchemy is steeped in shades of blue . kieslowski's blue , that is , with its study of grief .",
			linker.FilmHint{}, []want{{"blue", "tt0108394"}}, nil},
		{"a subtitle alone is the word", "the sky was a deep blue and the sea was blue too , all through the film .",
			linker.FilmHint{}, nil, []string{"blue"}},
		{"a film's hero as the subject of what happens in it", "she wants to be a reporter , and when godzilla comes ashore she figures this is her big break .",
			linker.FilmHint{ID: "tt0120685"}, []want{{"godzilla", "tt0120685/nm0005007"}}, nil},
		{"a film's hero as the object of what the others do", "why do helicopters have to follow godzilla between the buildings of the city ?",
			linker.FilmHint{ID: "tt0120685"}, []want{{"godzilla", "tt0120685/nm0005007"}}, nil},
		{"a hero's title after its maker's possessive is the film", "in emmerich's godzilla , the monster is the best actor , and that says it all .",
			linker.FilmHint{ID: "tt0120685"}, []want{{"godzilla", "tt0120685"}}, nil},
		{"a hero's title as the subject of what films do", "godzilla simply pulls too many punches in its attempt to please the whole family .",
			linker.FilmHint{ID: "tt0120685"}, []want{{"godzilla", "tt0120685"}}, nil},
		{"one role under two names, with its actor in brackets", "somehow he comes across donnie brasco ( depp ) , a younger guy with a lot of spunk .",
			linker.FilmHint{ID: "tt0119008"}, []want{{"donnie brasco", "tt0119008/nm0000136"}}, nil},
		{"a main title three films share is their series, not one of them", "the crew of star trek is back , and most fans will not be disappointed .",
			linker.FilmHint{ID: "tt0120844"}, nil, []string{"star trek"}},
		{"a series' shared main title is the film of that exact title", "it is no match for star wars , but it is an adequate addition to the clan .",
			linker.FilmHint{ID: "tt0120915"}, []want{{"star wars", "tt0076759"}}, nil},
		{"a dictionary word after a viewing verb", "it is a fine summer movie for older kids who have already seen maverick .",
			linker.FilmHint{}, []want{{"maverick", "tt0110478"}}, nil},
		{"a common word after a viewing verb is the word", "i saw red when the credits rolled , and so will you .",
			linker.FilmHint{}, nil, []string{"red"}},
		{"a word after a first name is a surname", "i've been known to give martha nell a call and say hello to her .",
			linker.FilmHint{}, nil, []string{"nell"}},
		{"a title before the noun it modifies names something else", "rather than coming from dilbert creator scott adams , it is based on a comic strip .",
			linker.FilmHint{}, nil, []string{"dilbert"}},
		{"the numbered parts of the film under review's series", "part 3 takes place a day after the events of part 2 , and the killer is back .",
			linker.FilmHint{ID: "tt0083972"}, []want{{"part 3", "tt0083972"}, {"part 2", "tt0082418"}}, nil},
		{"characters by their ranks and surname, periods spaced", "the best scene is when lt . col . tall is forced to deal with the refusal by capt . staros to execute an order .",
			linker.FilmHint{ID: "tt0120863"}, []want{{"lt . col . tall", "tt0120863/nm0005014"}, {"capt . staros", "tt0120863/nm0005013"}}, nil},
		{"a character before its actor's surname in brackets", "nothing much happens until he meets fang ( wang ) , a quiet engineer with a plan .",
			linker.FilmHint{ID: "tt0800010"}, []want{{"fang", "tt0800010/nm0005011"}}, nil},
		{"an everyday word after \"named\" is the character's name", "the hero is a dude named ray , and he sells jeans in hong kong .",
			linker.FilmHint{ID: "tt0120724"}, []want{{"ray", "tt0120724/nm0005015"}}, nil},
		{"a name with a particle is no relation: its parts name the character", "milla jovovich plays joan of arc with energy . later , joan hears voices in a field .",
			linker.FilmHint{ID: "tt0151137"}, []want{{"joan", "tt0151137/nm0005016"}}, nil},
		{"a character before its actor in brackets after a verb of playing", "his father fang ( played with quiet dignity by peter wang ) takes the family to beijing .",
			linker.FilmHint{ID: "tt0800010"}, []want{{"fang", "tt0800010/nm0005011"}}, nil},
		{"a particle surname written as one word after the full name", "robert de niro plays a mobster here , and deniro gets to spoof his own old roles .",
			linker.FilmHint{}, []want{{"deniro", "nm0000134"}}, nil},
		{"the series, where the text speaks of television", "i am not a fan of the x-files , i only watch it when nothing else is on . but the fox network aired key episodes this week .",
			linker.FilmHint{ID: "tt0120902"}, []want{{"the x-files", "tt0106179"}}, nil},
		{"the film under review, as the subject, even beside television words", "no , the x-files is a mulder episode of the series , and a good one .",
			linker.FilmHint{ID: "tt0120902"}, []want{{"the x-files", "tt0120902"}}, nil},
		{"a quoted everyday word that a series is called, in television's words", `she was voted off in week 11 of the 13-week program , " survivor . " here she plays his love interest .`,
			linker.FilmHint{}, []want{{"survivor", "tt0239195"}}, nil},
		{"a song of the same title", `In the scene where Raimunda sings the tango "Volver" for the crew, Penélope Cruz is devastating.`,
			linker.FilmHint{ID: "tt0441909"}, []want{{"Penélope Cruz", "nm0004851"}}, []string{"Volver"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text
			if text[0] >= 'a' && text[0] <= 'z' {
				// long enough to read as a text without capitals
				text += " the rest of the review goes on about the plot , the score and the acting in plain words ."
			}
			got := linked(l.Link(text, tt.hint))
			for _, w := range tt.want {
				if got[w.text] != w.id {
					t.Errorf("%q linked to %q, want %s (all: %v)", w.text, got[w.text], w.id, got)
				}
			}
			for _, n := range tt.not {
				if id, ok := got[n]; ok {
					t.Errorf("%q linked to %s, want no link (all: %v)", n, id, got)
				}
			}
		})
	}
}

// A review of a sequel names its original throughout; the sequel it names
// twice is the film under review.
func TestSequelUnderReview(t *testing.T) {
	l := lowerLinker(t)
	text := "wes craven's scream was a hit in 1996 , and scream made money for neve campbell . scream set the rules , and scream broke them . " +
		"scream 2 is the sequel , and fans of scream will like scream 2 . scream had the better cast , but scream still holds up . " +
		"the rest of the review goes on about the plot in plain words ."
	res := l.Link(text, linker.FilmHint{})
	if res.Film == nil || res.Film.ID != "tt0120082" {
		t.Errorf("film under review %+v, want Scream 2 (tt0120082)", res.Film)
	}
}

// A character named by an everyday word beside its actor links there, and
// its later mentions follow it, though a relative of the same surname is in
// the credits too.
func TestCharacterBesideActor(t *testing.T) {
	l := lowerLinker(t)
	text := "a computer engineer named fang ( peter wang ) takes his family to beijing . " +
		"his son paul falls for a local girl , and fang is not pleased . fang's sister is . " +
		"the rest of the review goes on about the plot , the score and the acting in plain words ."
	res := l.Link(text, linker.FilmHint{ID: "tt0800010"})
	n := 0
	for _, m := range res.Mentions {
		if m.Text == "fang" || m.Text == "fang's" {
			if m.ID != "tt0800010/nm0005011" {
				t.Errorf("%q at %d linked to %s, want Leo Fang (tt0800010/nm0005011)", m.Text, m.Start, m.ID)
			}
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d mentions of fang linked, want 3 (all: %+v)", n, res.Mentions)
	}
}

// A critic's everyday word that SCOWL's lists lack is still a word: a
// popular film of that one-word title does not link on popularity alone.
func TestCriticsWords(t *testing.T) {
	src := &linker.Mem{Films: []reel.Film{
		{ID: reel.FilmID(375073), Type: "movie", Title: "Slasher", OriginalTitle: "Slasher", Year: 2004, Votes: 300000},
		{ID: reel.FilmID(250081), Type: "movie", Title: "Storytelling", OriginalTitle: "Storytelling", Year: 2001, Votes: 300000},
	}}
	l, err := linker.Build(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	text := "dimension films quietly released a sly little ensemble slasher flick , and it made a fortune . " +
		"it manages to be a solid piece of storytelling and character development . " +
		"the rest of the review goes on about the plot , the score and the acting in plain words ."
	if got := linked(l.Link(text, linker.FilmHint{})); len(got) != 0 {
		t.Errorf("linked %v, want nothing", got)
	}
}

// Part of a title that is someone's name (a first name and another word) is
// the person, not the film: "the life and times of anne frank" in a review of
// Anne Frank Remembered.
func TestTitlePartThatIsAName(t *testing.T) {
	src := &linker.Mem{
		Films: []reel.Film{{ID: reel.FilmID(112373), Type: "movie", Title: "Anne Frank Remembered", OriginalTitle: "Anne Frank Remembered", Year: 1995, Votes: 5000}},
		People: []reel.Person{{ID: 1, Name: "Anne Bancroft"}, {ID: 2, Name: "Anne Heche"}, {ID: 3, Name: "Anne Archer"},
			{ID: 4, Name: "Jon Blair"}},
	}
	for _, p := range src.People {
		src.Credits = append(src.Credits, reel.Credit{FilmID: 112373, PersonID: p.ID, Ordering: int(p.ID), Category: "actress"})
	}
	l, err := linker.Build(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	text := "this often-moving documentary charts the life and times of anne frank , the young diarist . " +
		"the rest of the review goes on about the plot , the score and the acting in plain words ."
	if id, ok := linked(l.Link(text, linker.FilmHint{ID: "tt0112373"}))["anne frank"]; ok {
		t.Errorf("anne frank linked to %s, want no film", id)
	}
}

// A common first name is one in a catalog of few people too: "martha nell"
// is someone, not Nell, though no Martha has credits here.
func TestCommonFirstNames(t *testing.T) {
	src := &linker.Mem{Films: []reel.Film{{ID: reel.FilmID(110638), Type: "movie", Title: "Nell", OriginalTitle: "Nell", Year: 1994, Votes: 600000}}}
	l, err := linker.Build(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	text := "when things aren't looking up , i've been known to give martha nell a call and say , do me a favor . " +
		"the rest of the review goes on about the plot , the score and the acting in plain words ."
	if id, ok := linked(l.Link(text, linker.FilmHint{}))["nell"]; ok {
		t.Errorf("nell linked to %s, want no film", id)
	}
	src.Films = append(src.Films, reel.Film{ID: reel.FilmID(42546), Type: "movie", Title: "Harvey", OriginalTitle: "Harvey", Year: 1950, Votes: 110000})
	if l, err = linker.Build(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	text = "it is based on the novel by eugene burdick and harvey wheeler , and it shows . " +
		"the rest of the review goes on about the plot , the score and the acting in plain words ."
	if id, ok := linked(l.Link(text, linker.FilmHint{}))["harvey"]; ok {
		t.Errorf("harvey linked to %s, want no film", id)
	}
}

// Parts of the film under review's title that name something else are not
// the film: a sequel's title without its number is the earlier film
// ("grease" in a review of Grease 2), and a name after a form of address is
// someone in it ("daisy" of Driving Miss Daisy).
func TestTitlePartsThatNameSomethingElse(t *testing.T) {
	l := filmsLinker(t,
		reel.Film{ID: 77631, Type: "movie", Title: "Grease", OriginalTitle: "Grease", Year: 1978, Votes: 280000},
		reel.Film{ID: 84021, Type: "movie", Title: "Grease 2", OriginalTitle: "Grease 2", Year: 1982, Votes: 50000},
		reel.Film{ID: 97239, Type: "movie", Title: "Driving Miss Daisy", OriginalTitle: "Driving Miss Daisy", Year: 1989, Votes: 120000})
	for _, tc := range []struct{ text, hint, word, notID string }{
		{"this film blasts me into my past as a rebellious youth ( grease was one of my first big-screen experiences ) ." + pad,
			"tt0084021", "grease", "tt0084021"},
		{"once she does get in the car , daisy is the ultimate back-seat driver ." + pad, "tt0097239", "daisy", "tt0097239"},
	} {
		for _, m := range l.Link(tc.text, linker.FilmHint{ID: tc.hint}).Mentions {
			if m.Text == tc.word && m.ID == tc.notID {
				t.Errorf("%q linked to %s, the film under review", m.Text, m.ID)
			}
		}
	}
}

// In its own review the title of a film named after its hero, where the
// sentence can only mean a someone, is the hero; with no character of that
// name in the credits it names no film. Where a film does the same
// ("titanic runs 3 : 14", "davis follows the fugitive with a farce") it
// stays the film.
func TestHeroReading(t *testing.T) {
	l := filmsLinker(t,
		reel.Film{ID: 126029, Type: "movie", Title: "Shrek", OriginalTitle: "Shrek", Year: 2001, Votes: 700000},
		reel.Film{ID: 120338, Type: "movie", Title: "Titanic", OriginalTitle: "Titanic", Year: 1997, Votes: 1200000},
		reel.Film{ID: 106977, Type: "movie", Title: "The Fugitive", OriginalTitle: "The Fugitive", Year: 1993, Votes: 300000})
	for _, tc := range []struct {
		text, hint, word string
		film             bool
	}{
		{"the lord will let the pests move back , and shrek reluctantly agrees and sets off on his quest ." + pad, "tt0126029", "shrek", false},
		{"farquaad selects the lovely princess and offers shrek a deal he cannot refuse ." + pad, "tt0126029", "shrek", false},
		{"we would like a brandy . titanic runs 3 : 14 and it is rated pg-13 ." + pad, "tt0120338", "titanic", true},
		{"after twenty minutes the story makes its jump to the past as the titanic leaves on her maiden voyage ." + pad, "tt0120338", "titanic", false},
		{"director andrew davis follows the fugitive with a wildly unfunny farce about twins ." + pad, "tt0106977", "the fugitive", true},
	} {
		got := linked(l.Link(tc.text, linker.FilmHint{ID: tc.hint}))[tc.word]
		if film := got == tc.hint; film != tc.film {
			t.Errorf("%q in %q: linked to %q, want the film %v", tc.word, tc.text[:40], got, tc.film)
		}
	}
}

// pad lengthens a test text to read as one without capitals.
const pad = " the rest of the review goes on about the plot , the score and the acting in plain words ."

// filmsLinker builds a linker over the given films alone.
func filmsLinker(t *testing.T, films ...reel.Film) *linker.Linker {
	t.Helper()
	l, err := linker.Build(context.Background(), &linker.Mem{Films: films})
	if err != nil {
		t.Fatal(err)
	}
	return l
}
