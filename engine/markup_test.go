package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine"
)

// hostile is appended to every free-text fact: raw HTML with a script, a
// Markdown link and image to another site, emphasis and a heading marker.
const hostile = ` <img src=x onerror=alert(1)> [pay here](https://evil.example/pay) ![i](https://evil.example/i.png) <script>alert(2)</script> **bold**
# heading`

// structural keys hold IDs, references, enums, dates and typed strings,
// which validation constrains; every other string in isms.yaml is free text
// a template may print.
var structural = map[string]bool{
	"id": true, "roles": true, "kind": true, "tier": true, "treatment": true, "status": true, "owner": true,
	"approver": true, "accepted_by": true, "lead": true, "team": true, "locations": true, "controls": true,
	"regimes": true, "risks": true, "email": true, "website": true, "country": true, "logo": true, "theme": true,
	"page_size": true, "prefix": true, "scoring": true, "frequency": true, "date": true, "due": true,
	"assessed": true, "stage1": true, "stage2": true, "addressed_by": true, "classification": true,
	// Enums and durations of the facts model's later fields.
	"sector": true, "category": true, "provides": true, "role": true, "meets": true, "recovery": true,
	"abroad": true, "loaners": true, "rto": true, "rpo": true, "backup_interval": true, "recovery_time": true,
	"screen_lock": true, "availability": true, "mtd": true, "grade": true, "raised": true, "verified": true,
	"leaver_access": true, "major": true, "minor": true, "dormant_accounts": true, "access_removal": true, "exception_review": true, "post_incident_review": true, "emergency_change_review": true, "sev1": true, "sev2": true, "sev3": true, "sev4": true, "video_retention": true, "alert_triage": true, "power": true, "monitoring": true, "ups_runtime": true, "cooling": true, "protection": true, "exploited": true, "critical": true, "high": true, "medium": true, "low": true,
	// References to people, teams, assets, plans, domains and places.
	"access_reviewer": true, "admins": true, "continuity": true, "domain": true, "members": true, "pending_controls": true,
	"region": true, "regions": true, "systems": true, "teams": true, "by": true, "plans": true,
	"document": true,
}

// taint appends hostile to the free-text strings under n.
func taint(n *yaml.Node, key string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			taint(c, key)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if key == "controls" || key == "documents" {
				k = "" // control IDs and document IDs are keys, not text
			}
			taint(n.Content[i+1], k)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			taint(c, key)
		}
	case yaml.ScalarNode:
		if n.Tag == "!!str" && !structural[key] {
			n.Value += hostile
			n.Style = yaml.DoubleQuotedStyle
		}
	}
}

// TestFactsNeverBecomeMarkup appends raw HTML, links and block markers to
// every free-text fact of the example, turns output.raw_html on and builds
// the whole pack with the built-in templates: no fact may reach the HTML as
// a tag or a link, or the Markdown as a link, an image or a heading. Only
// template text may carry markup.
func TestFactsNeverBecomeMarkup(t *testing.T) {
	src, err := os.ReadFile("../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	taint(&doc, "")
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "isms.yaml"), append(out, "output: {raw_html: true}\n"...))
	res, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: filepath.Join(dir, "out"), NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mustRead(t, filepath.Join(dir, "out/md/isms-scope.md"))), "onerror") {
		t.Fatal("the hostile text does not reach the documents; the test proves nothing")
	}
	// A web address in a fact may become a link, but only one that shows
	// its own address: never a tag, an image, or a link whose text hides
	// where it goes.
	htmlTag := regexp.MustCompile(`(?i)<(img|script)\b|src="https://evil`)
	anchor := regexp.MustCompile(`<a href="(https://evil[^"]*)"[^>]*>(.*?)</a>`)
	mdLink := regexp.MustCompile(`(^|[^\\])\[pay here\]\(|!\[i\]\(|(?m)^#+ heading`)
	// Every file as written: the build keeps the documents' own files by
	// hash only.
	checked := 0
	for _, f := range res.Built.Files.All() {
		f.Data = mustRead(t, filepath.Join(res.Out, filepath.FromSlash(f.Path)))
		switch {
		case strings.HasSuffix(f.Path, ".html"):
			checked++
			if m := htmlTag.Find(f.Data); m != nil {
				t.Errorf("%s: a fact became HTML: %q", f.Path, excerptOf(f.Data, m))
			}
			for _, m := range anchor.FindAllSubmatch(f.Data, -1) {
				if string(m[1]) != string(m[2]) {
					t.Errorf("%s: a fact became a disguised link: %q", f.Path, m[0])
				}
			}
		case strings.HasSuffix(f.Path, ".md"):
			checked++
			// The body, after the control block (YAML, not Markdown).
			body := f.Data
			if i := strings.Index(string(body), "\n---\n"); strings.HasPrefix(string(body), "---\n") && i > 0 {
				body = body[i+5:]
			}
			if m := mdLink.Find(body); m != nil {
				t.Errorf("%s: a fact became Markdown: %q", f.Path, excerptOf(body, m))
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d HTML and Markdown files were checked", checked)
	}
}

func excerptOf(b, m []byte) string {
	i := strings.Index(string(b), string(m))
	return string(b[max(i-60, 0):min(i+len(m)+60, len(b))])
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
