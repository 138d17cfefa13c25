package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path"
	"strings"
)

// reloadScript reloads the page when the server's generation moves past
// the one the page was served at. EventSource reconnects by itself after
// the server restarts; the new server's generation differs, so the page
// reloads then too.
const reloadScript = `<script>/* ismsforge serve: live reload */(function(){var g=%d,s=new EventSource(%q);s.onmessage=function(e){if(+e.data!==g){s.close();location.reload();}};})();</script>`

// file serves rel from dir, confined to dir: os.Root refuses ".." and
// symbolic links that leave it. HTML pages get the reload script, and the
// error box while the last rebuild has failed.
func (s *Server) file(w http.ResponseWriter, r *http.Request, dir, rel string) {
	gen, buildErr := s.state()
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" || strings.HasSuffix(r.URL.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		s.missing(w, r, rel, gen, buildErr)
		return
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		s.missing(w, r, rel, gen, buildErr)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if st.IsDir() {
		// Cleaned, so that "//host" cannot make it a redirect elsewhere.
		http.Redirect(w, r, path.Clean(r.URL.Path)+"/", http.StatusMovedPermanently)
		return
	}
	if path.Ext(rel) != ".html" {
		http.ServeContent(w, r, rel, st.ModTime(), f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, http.StatusOK, inject(page, gen, buildErr))
}

// missing answers for a file that is not in the output. A page gets an
// HTML answer with the reload script, so that it shows up by itself once a
// build writes it, and with the error box when the build fails.
func (s *Server) missing(w http.ResponseWriter, r *http.Request, rel string, gen uint64, buildErr error) {
	if rel == "favicon.ico" {
		// Browsers ask for it on every page; a theme has none.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if ext := path.Ext(rel); ext != ".html" && ext != "" {
		http.NotFound(w, r)
		return
	}
	msg := "This page is not in the build."
	if gen == 0 && buildErr == nil {
		msg = "The first build is under way; this page reloads when it is done."
	} else if buildErr != nil {
		msg = "There is no good build of this page to show yet."
	}
	page := fmt.Sprintf("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>ismsforge serve</title></head>\n<body>\n<p>%s <a href=\"/\">Home</a></p>\n</body>\n</html>\n", template.HTMLEscapeString(msg))
	writeHTML(w, r, http.StatusNotFound, inject([]byte(page), gen, buildErr))
}

func writeHTML(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// inject puts the error box (when the last rebuild failed) at the top of
// the page's body and the reload script at its end.
func inject(page []byte, gen uint64, buildErr error) []byte {
	script := fmt.Appendf(nil, reloadScript, gen, EventsPath)
	lower := bytes.ToLower(page)
	end := bytes.LastIndex(lower, []byte("</body>"))
	if end < 0 {
		end = len(page)
	}
	start := 0
	if i := bytes.Index(lower, []byte("<body")); i >= 0 && i < end {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 && i+j < end {
			start = i + j + 1
		}
	}
	out := make([]byte, 0, len(page)+len(script)+4096)
	out = append(out, page[:start]...)
	if buildErr != nil {
		out = append(out, '\n')
		out = append(out, renderOverlay(buildErr)...)
	}
	out = append(out, page[start:end]...)
	out = append(out, script...)
	out = append(out, '\n')
	return append(out, page[end:]...)
}
