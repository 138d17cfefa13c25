package serve

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
)

const page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Cryptography</title></head>\n<body class=\"doc\">\n<main>Keys are rotated yearly.</main>\n</body>\n</html>\n"

func output(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	for name, data := range map[string]string{
		"html/index.html":          page,
		"html/cryptography.html":   page,
		"html/style.css":           "body{}",
		"html/assets/logo.png":     "\x89PNG",
		"pdf/cryptography.pdf":     "%PDF-1.7 fake",
		"docx/cryptography.docx":   "PK docx",
		"xlsx/asset-register.xlsx": "PK xlsx",
		"secret.txt":               "outside the site",
	} {
		p := filepath.Join(out, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Host = "127.0.0.1:27001"
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			r.Host = header[i+1]
			continue
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestScriptOnlyInHTMLResponses(t *testing.T) {
	out := output(t)
	s := New(out, Options{LocalOnly: true})
	for _, target := range []string{"/", "/index.html", "/cryptography.html"} {
		w := get(t, s, target)
		body := w.Body.String()
		if w.Code != 200 || !strings.Contains(body, "EventSource(\"/_ismsforge/events\")") || !strings.Contains(body, "Keys are rotated yearly.") {
			t.Errorf("%s: %d %q", target, w.Code, body)
		}
		if i, j := strings.Index(body, "<script>"), strings.Index(body, "</body>"); i < 0 || i > j {
			t.Errorf("%s: the script is not inside the body", target)
		}
		if w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: cacheable", target)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "html", "index.html")); string(b) != page {
		t.Error("the file on disk changed")
	}
	w := get(t, s, "/style.css")
	if w.Body.String() != "body{}" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
		t.Errorf("style.css: %q %s", w.Body, w.Header().Get("Content-Type"))
	}
	w = get(t, s, "/pdf/cryptography.pdf", "Range", "bytes=0-3")
	if w.Code != http.StatusPartialContent || w.Body.String() != "%PDF" || w.Header().Get("Content-Type") != "application/pdf" {
		t.Errorf("PDF range: %d %q %s", w.Code, w.Body, w.Header().Get("Content-Type"))
	}
}

func TestServesOnlyTheSite(t *testing.T) {
	s := New(output(t), Options{LocalOnly: true})
	for target, want := range map[string]string{"/docx/cryptography.docx": "PK docx", "/xlsx/asset-register.xlsx": "PK xlsx"} {
		if w := get(t, s, target); w.Code != 200 || w.Body.String() != want {
			t.Errorf("%s: %d %q; the pages link it", target, w.Code, w.Body.String())
		}
	}
	for _, target := range []string{"/../secret.txt", "/..%2fsecret.txt", "/pdf/../../secret.txt", "/%2e%2e/secret.txt", "/docx/../secret.txt", "/md/..%2fsecret.txt"} {
		if w := get(t, s, target); strings.Contains(w.Body.String(), "outside the site") {
			t.Errorf("%s served a file outside the site", target)
		}
	}
	if w := get(t, s, "//assets"); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/assets/" {
		t.Errorf("//assets redirected with %d to %q, want /assets/ on this host", w.Code, w.Header().Get("Location"))
	}
	if w := get(t, s, "/", "Host", "attacker.example"); w.Code != http.StatusForbidden {
		t.Errorf("a foreign Host got %d; DNS rebinding would expose the documents", w.Code)
	}
	for _, host := range []string{"localhost:27001", "127.0.0.1", "[::1]:27001"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Errorf("Host %s got %d", host, w.Code)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Host = "localhost"
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST got %d", w.Code)
	}
}

func TestMissingPageWaitsForTheBuild(t *testing.T) {
	s := New(t.TempDir(), Options{})
	w := get(t, s, "/")
	if w.Code != 404 || !strings.Contains(w.Body.String(), "first build is under way") || !strings.Contains(w.Body.String(), "EventSource") {
		t.Errorf("before the first build: %d %q", w.Code, w.Body)
	}
	if w := get(t, s, "/favicon.ico"); w.Code != http.StatusNoContent {
		t.Errorf("a missing favicon: %d", w.Code)
	}
	if w := get(t, s, "/logo.png"); w.Code != 404 || strings.Contains(w.Body.String(), "EventSource") {
		t.Errorf("a missing image: %d %q", w.Code, w.Body)
	}
}

func brokenFacts() error {
	src := []byte("organization:\n  name: <script>alert(1)</script>\n  size: [big\n  country: US\n")
	d := diag.Errorf(diag.Pos{File: "isms.yaml", Line: 3, Col: 9}, "close the list with ] & try again", "invalid YAML: did not find expected ',' or ']' near <b>").WithSource(src)
	return diag.List{d}
}

func TestErrorShowsOverLastGoodPage(t *testing.T) {
	s := New(output(t), Options{})
	s.Update(brokenFacts(), false)
	body := get(t, s, "/cryptography.html").Body.String()
	for _, want := range []string{
		"The last rebuild failed",
		"<code>isms.yaml:3:9</code>",
		"did not find expected &#39;,&#39; or &#39;]&#39; near &lt;b&gt;",
		`<span class="at">3 |   size: [big</span>`,
		`<span class="caret">  |         ^</span>`,
		"2 |   name: &lt;script&gt;alert(1)&lt;/script&gt;",
		"hint: close the list with ] &amp; try again",
		"var g=1,",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<b>") {
		t.Error("user text reached the page unescaped")
	}
	overlay, content := strings.Index(body, "ismsforge-error"), strings.Index(body, "Keys are rotated yearly.")
	if overlay < strings.Index(body, "<body") || content < overlay {
		t.Error("the error is not at the start of the body, before the last good content")
	}
	// Recovery: the error goes, and pages reload once more.
	s.Update(nil, false)
	body = get(t, s, "/cryptography.html").Body.String()
	if strings.Contains(body, "ismsforge-error") || !strings.Contains(body, "var g=2,") {
		t.Error("the error stayed after a good rebuild")
	}
}

func TestPlainErrorIsShownAsText(t *testing.T) {
	s := New(output(t), Options{})
	s.Update(io.ErrUnexpectedEOF, false)
	if body := get(t, s, "/").Body.String(); !strings.Contains(body, "<pre>unexpected EOF</pre>") {
		t.Error("a plain error is not shown")
	}
}

func TestEventsAnnounceRebuilds(t *testing.T) {
	s := New(output(t), Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %s", ct)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if l := sc.Text(); strings.HasPrefix(l, "data: ") {
				lines <- l
			}
		}
		close(lines)
	}()
	next := func() string {
		select {
		case l := <-lines:
			return l
		case <-time.After(5 * time.Second):
			t.Fatal("no event")
		}
		return ""
	}
	if l := next(); l != "data: 0" {
		t.Fatalf("on connect: %q", l)
	}
	s.Update(nil, false) // nothing changed: no reload
	s.Update(nil, true)
	if l := next(); l != "data: 1" {
		t.Fatalf("after a rebuild that wrote: %q", l)
	}
	s.Update(brokenFacts(), false)
	if l := next(); l != "data: 2" {
		t.Fatalf("after a failed rebuild: %q", l)
	}
	s.Close()
	select {
	case _, ok := <-lines:
		if ok {
			t.Error("an event after Close")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end the stream")
	}
}

func TestInjectWithoutBody(t *testing.T) {
	got := string(inject([]byte("<p>fragment</p>"), 3, nil))
	if !strings.HasPrefix(got, "<p>fragment</p><script>") || !strings.Contains(got, "var g=3,") {
		t.Errorf("inject into a fragment: %q", got)
	}
	got = string(inject([]byte("<HTML><BODY id=x>hi</BODY></HTML>"), 1, io.EOF))
	if !strings.HasPrefix(got, "<HTML><BODY id=x>\n<div id=\"ismsforge-error\"") || !bytes.HasSuffix([]byte(got), []byte("</script>\n</BODY></HTML>")) {
		t.Errorf("inject into upper-case tags: %q", got)
	}
}
