package serve

import (
	"fmt"
	"net/http"
	"time"
)

// keepAlive is how often an idle event stream sends a comment, so that
// proxies and browsers do not drop it.
const keepAlive = 20 * time.Second

// events streams the generation: once when the page connects, then after
// every rebuild with something to show. A page reloads when the generation
// differs from the one it was served at, so a rebuild that finished
// between serving the page and connecting is not missed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	ch := make(chan uint64, 1)
	s.mu.Lock()
	s.subs[ch] = true
	gen := s.gen
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	// retry: reconnect quickly after the server restarts.
	if _, err := fmt.Fprintf(w, "retry: 1000\ndata: %d\n\n", gen); err != nil {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		case gen := <-ch:
			_, err = fmt.Fprintf(w, "data: %d\n\n", gen)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}
