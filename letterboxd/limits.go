package letterboxd

// Limits on what Open and Read accept. A real export is a few megabytes
// (the 2022 sample: 10 CSV files and 25 lists, under 600 kB); the limits
// leave room for a member with decades of diary and thousands of lists
// while keeping a hostile upload from exhausting memory or disk.
const (
	// MaxFiles is the most entries (files and folders) a zip or folder
	// may hold.
	MaxFiles = 10_000
	// MaxTotalBytes bounds the uncompressed size of everything read.
	MaxTotalBytes = 200 << 20
	// MaxFileBytes bounds one file's uncompressed size.
	MaxFileBytes = 64 << 20
	// MaxRows bounds the rows of all files together.
	MaxRows = 2_000_000
	// MaxRatio is the largest uncompressed/compressed ratio accepted for a
	// zip entry over RatioFloor bytes. CSV text deflates about 3–10×; a
	// zip bomb reaches 1,000×.
	MaxRatio = 100
	// RatioFloor exempts small entries from the ratio guard: a header-only
	// CSV or an empty file may compress oddly, and cannot hurt.
	RatioFloor = 1 << 20
)
