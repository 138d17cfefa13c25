// Package serve serves a build's HTML site and PDFs while `ismsforge serve`
// rebuilds them, with live reload: an open page reloads itself after every
// rebuild that changed the output. When a rebuild fails, every page shows
// the error, with its file, line and the offending source, over the last
// good content.
//
// The reload script and the error are injected into HTML responses only;
// the files on disk never carry them.
package serve

import (
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
)

// EventsPath is where pages listen for rebuilds (server-sent events).
const EventsPath = "/_ismsforge/events"

// Options configure a Server.
type Options struct {
	// LocalOnly refuses requests whose Host is not a loopback name, so a
	// web page cannot reach the documents through DNS rebinding. It is
	// right whenever the server listens on a loopback address.
	LocalOnly bool
}

// Server is the HTTP handler. The site (OUT/html) is served at /, the PDFs
// (OUT/pdf) at /pdf/.
type Server struct {
	html, pdf string
	o         Options

	mu sync.Mutex
	// gen counts the rebuilds a page should reload for; a page knows the
	// generation it was served at.
	gen uint64
	// err is why the last rebuild failed; nil after a good one.
	err    error
	subs   map[chan uint64]bool
	closed chan struct{}
}

// New returns a server for the output directory out.
func New(out string, o Options) *Server {
	return &Server{
		html: filepath.Join(out, "html"), pdf: filepath.Join(out, "pdf"), o: o,
		subs: map[chan uint64]bool{}, closed: make(chan struct{}),
	}
}

// Update tells the server how a rebuild ended: err is why it failed (nil
// when it succeeded) and wrote whether it changed any output file. Open
// pages reload when there is something new to show: new output, a new
// error, or the recovery from one.
func (s *Server) Update(err error, wrote bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil && !wrote && s.err == nil {
		return
	}
	s.err = err
	s.gen++
	for ch := range s.subs {
		select {
		case <-ch: // drop the generation it has not read yet
		default:
		}
		ch <- s.gen
	}
}

// state returns the current generation and error.
func (s *Server) state() (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen, s.err
}

// Close ends every open event stream, so that the HTTP server can shut
// down.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.closed:
	default:
		close(s.closed)
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.o.LocalOnly && !isLoopbackHost(r.Host) {
		http.Error(w, "ismsforge serve answers only to localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch p := r.URL.Path; {
	case p == EventsPath:
		s.events(w, r)
	case strings.HasPrefix(p, "/pdf/"):
		s.file(w, r, s.pdf, strings.TrimPrefix(p, "/pdf/"))
	case strings.HasPrefix(p, "/docx/"), strings.HasPrefix(p, "/xlsx/"), strings.HasPrefix(p, "/md/"):
		// The pages link each document's Word and Markdown files and the
		// registers' spreadsheets, beside the PDFs in the output.
		dir, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		s.file(w, r, filepath.Join(filepath.Dir(s.pdf), dir), rest)
	default:
		s.file(w, r, s.html, strings.TrimPrefix(p, "/"))
	}
}

// isLoopbackHost reports whether a Host header names this machine.
func isLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
