package main

import "reel/sentiment/corpus"

func corpusFold(d corpus.Doc) int { return corpus.PolarityFold(d) }

func eval() error { return nil }
