package letterboxd

// One function per file of the export; each reads its table's rows into
// exp and returns the first bad value.

func readDiary(exp *Export, t *table) error {
	for t.next() {
		exp.Diary = append(exp.Diary, DiaryEntry{
			Source:  t.src,
			Film:    t.film(),
			Logged:  t.date(colDate),
			Watched: t.date(colWatched),
			Rating:  t.stars(colRating),
			Rewatch: t.flag(colRewatch),
			Tags:    splitTags(t.str(colTags)),
		})
	}
	return t.err
}

func readReviews(exp *Export, t *table) error {
	for t.next() {
		exp.Reviews = append(exp.Reviews, Review{
			Source:  t.src,
			Film:    t.film(),
			Logged:  t.date(colDate),
			Watched: t.date(colWatched),
			Rating:  t.stars(colRating),
			Rewatch: t.flag(colRewatch),
			Tags:    splitTags(t.str(colTags)),
			Text:    t.str(colReview),
		})
	}
	return t.err
}

func readRatings(exp *Export, t *table) error {
	for t.next() {
		exp.Ratings = append(exp.Ratings, Rating{Source: t.src, Film: t.film(), Date: t.date(colDate), Rating: t.stars(colRating)})
	}
	return t.err
}

func readWatched(exp *Export, t *table) error {
	for t.next() {
		exp.Watched = append(exp.Watched, Watched{Source: t.src, Film: t.film(), Date: t.date(colDate)})
	}
	return t.err
}

func readWatchlist(exp *Export, t *table) error {
	for t.next() {
		exp.Watchlist = append(exp.Watchlist, WatchlistEntry{Source: t.src, Film: t.film(), Date: t.date(colDate)})
	}
	return t.err
}

func readLikes(exp *Export, t *table) error {
	for t.next() {
		exp.Likes = append(exp.Likes, LikedFilm{Source: t.src, Film: t.film(), Date: t.date(colDate)})
	}
	return t.err
}

func readComments(exp *Export, t *table) error {
	for t.next() {
		exp.Comments = append(exp.Comments, Comment{
			Source:  t.src,
			Date:    t.date(colDate),
			Content: t.text("Content"),
			Text:    t.str("Comment"),
		})
	}
	return t.err
}
