// Command reel-model trains the copy desk's score-and-verdict model and
// evaluates it against the published anchors. Both read the corpora from
// $REEL_DATA (default /work/shared/data).
//
//	go run ./cmd/reel-model train   # writes sentiment/model.bin.gz
//	go run ./cmd/reel-model eval    # cross-validations, prints a table
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: reel-model train [-o file] | eval")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	out := fs.String("o", "sentiment/model.bin.gz", "where train writes the weights")
	fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "train":
		err = train(*out)
	case "eval":
		err = eval()
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "reel-model:", err)
		os.Exit(1)
	}
}
