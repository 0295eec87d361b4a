package imdb

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress reports an import as it runs: on a terminal, one bar redrawn in
// place with rows/s and ETA; otherwise a plain log line every few seconds, so
// logs of a cron job or a container stay readable.
type progress struct {
	w     io.Writer
	term  bool
	total int64 // bytes of every file to read
	start time.Time

	bytes atomic.Int64 // bytes consumed from disk, all files
	rows  atomic.Int64 // rows read, all files

	mu    sync.Mutex
	stage string // current file or phase
	stop  chan struct{}
	done  chan struct{}
}

func newProgress(w io.Writer, term bool, total int64) *progress {
	p := &progress{w: w, term: term, total: total, start: time.Now()}
	if w == nil {
		return p
	}
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	every := 10 * time.Second
	if term {
		every = 200 * time.Millisecond
	}
	go p.loop(every)
	return p
}

func (p *progress) loop(every time.Duration) {
	defer close(p.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.draw()
		}
	}
}

// setStage names what the import is doing now.
func (p *progress) setStage(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage = s
	if p.w != nil && !p.term {
		fmt.Fprintf(p.w, "imdb import: %s\n", s)
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	elapsed := time.Since(p.start)
	rows := p.rows.Load()
	rate := int64(0)
	if s := elapsed.Seconds(); s > 0 {
		rate = int64(float64(rows) / s)
	}
	frac := 0.0
	if p.total > 0 {
		frac = min(1, float64(p.bytes.Load())/float64(p.total))
	}
	eta := "?"
	if frac > 0.001 {
		eta = (time.Duration(float64(elapsed)/frac) - elapsed).Round(time.Second).String()
	}
	if p.term {
		const width = 30
		n := int(frac * width)
		bar := strings.Repeat("=", n) + strings.Repeat(" ", width-n)
		fmt.Fprintf(p.w, "\r[%s] %3.0f%% %s rows, %s rows/s, ETA %s  %s\x1b[K",
			bar, frac*100, thousands(rows), thousands(rate), eta, p.stage)
		return
	}
	fmt.Fprintf(p.w, "imdb import: %s: %.0f%%, %s rows, %s rows/s, ETA %s\n",
		p.stage, frac*100, thousands(rows), thousands(rate), eta)
}

// log prints a line of its own (the bar is cleared first on a terminal).
func (p *progress) log(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.term {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	fmt.Fprintf(p.w, "imdb import: "+format+"\n", args...)
}

// close stops the reporter and clears the bar.
func (p *progress) close() {
	if p.w == nil || p.stop == nil {
		return
	}
	close(p.stop)
	<-p.done
	p.stop = nil
	if p.term {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
