package copydesk

import "testing"

// ownSpoilers are sentences written for this test, labelled by hand: true
// gives the plot away. They are read as one review, in order.
var ownSpoilers = []struct {
	text    string
	spoiler bool
}{
	{"Hitchcock's thriller opens with a theft in Phoenix and a long drive in the rain.", false},
	{"The photography is stark and the score is unforgettable.", false},
	{"Anthony Perkins gives the performance of his career.", false},
	{"The script keeps its cards close, and the pacing never flags.", false},
	{"Halfway through, the heroine is stabbed to death in the shower.", true},
	{"Few films have changed the rules of their genre so completely.", false},
	{"The detective is killed on the staircase before he can report back.", true},
	{"It turns out that the mother has been dead for ten years.", true},
	{"The twist is handled with a confidence that still startles.", false},
	{"In the final scene the killer smiles at the camera while a voice speaks for him.", true},
	{"Some viewers will find the psychiatrist's speech too tidy.", false},
	{"The supporting cast is uniformly strong.", false},
	{"Without giving anything away, the last act is a marvel of misdirection.", false},
	{"The whole story was a dream of the dying soldier.", true},
	{"She escapes the island on the last boat, leaving her brother behind.", true},
	{"By the end, the two friends are reunited at the funeral.", true},
	{"The editing is crisp and the sound design superb.", false},
	{"The ending left me cold.", false},
	{"The captain was secretly working for the enemy all along.", true},
	{"It is the best film of the year.", false},
}

func TestSpoilerOwnSet(t *testing.T) {
	var doc labelled
	for _, s := range ownSpoilers {
		doc.sentences = append(doc.sentences, s.text)
		doc.spoiler = append(doc.spoiler, s.spoiler)
	}
	scores := scoreLabelled(doc)
	c := at(scores, doc.spoiler, SpoilerThreshold)
	t.Logf("own set: %d sentences, %d spoilers\n%s", len(doc.sentences), c.tp+c.fn, prTable(scores, doc.spoiler))
	// The floor is what the shipped model reaches: it misses "the final
	// scene", "was a dream" and "escapes", which the development reviews
	// do not weigh as highly as the hand who wrote these sentences did.
	if c.precision() < 0.75 || c.recall() < 0.6 {
		t.Errorf("own set below the floor (P ≥ 0.75, R ≥ 0.6)")
	}
}
