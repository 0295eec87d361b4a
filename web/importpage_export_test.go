package web

import (
	"sync"
	"time"
)

// HoldImports makes every import run wait until release is called, so a
// test can see a job in progress.
func HoldImports() (release func()) {
	ch := make(chan struct{})
	importHold.Store(&ch)
	var once sync.Once
	return func() {
		once.Do(func() {
			importHold.Store(nil)
			close(ch)
		})
	}
}

// ShiftImportClock moves the import jobs' clock d ahead until restore is
// called, so a test can expire a job.
func ShiftImportClock(d time.Duration) (restore func()) {
	f := func() time.Time { return time.Now().Add(d) }
	importNow.Store(&f)
	return func() { importNow.Store(nil) }
}
