package watch

import (
	"path/filepath"
	"testing"
)

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		"cryptography.md":             false,
		"style.css":                   false,
		"logo.png":                    false,
		"isms.yaml":                   false,
		".cryptography.md.swp":        true, // vim swap
		".cryptography.md.swx":        true, // vim's probe for swap files
		".cryptography.md.swo":        true, // vim's second swap file
		"4913":                        true, // vim's write probe
		"cryptography.md~":            true, // vim and emacs backups
		".#cryptography.md":           true, // emacs lock link
		"#cryptography.md#":           true, // emacs auto-save
		"cryptography.md.tmp":         true,
		"isms.yaml.TMP":               true,
		"cryptography.md___jb_tmp___": true, // JetBrains safe write
		"cryptography.md___jb_old___": true,
		".goutputstream-8XK2QZ":       true, // GNOME
		".DS_Store":                   true,
		".ismsforge-tmp-123":          true, // our own atomic writes
		".ismsforge-new-456":          true,
		"notes.swift":                 false,
		"4913.md":                     false,
		"#hashtag.md":                 false,
		"C#.md":                       false,
	} {
		if got := IsTemp(name); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestFilterRelevant(t *testing.T) {
	dir := t.TempDir()
	f, err := NewFilter(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{
		"isms.yaml":                          true,
		"isms.lock":                          true,
		"templates":                          true, // the whole tree appears or goes
		"templates/cryptography.md":          true,
		"templates/partials/footer.md":       true,
		"themes/default/html/style.css":      true,
		"themes/corporate/theme.yaml":        true,
		"assets/logo.png":                    true,
		"assets/img/diagram.svg":             true,
		"templates/.cryptography.md.swp":     false,
		"templates/4913":                     false,
		"templates/cryptography.md~":         false,
		"templates/.#cryptography.md":        false,
		"isms.yaml.tmp":                      false,
		"out/html/index.html":                false, // our own output
		"out/.ismsforge-tmp-1":               false,
		"releases/1.0/pack.zip":              false,
		".git/index":                         false,
		"README.md":                          false,
		"notes/todo.md":                      false,
		".ismsforge-new-123/html/index.html": false,
	} {
		got, ok := f.Relevant(filepath.Join(dir, filepath.FromSlash(rel)))
		if ok != want || (ok && got != rel) {
			t.Errorf("Relevant(%s) = %q, %v; want %v", rel, got, ok, want)
		}
	}
	if _, ok := f.Relevant(filepath.Join(filepath.Dir(dir), "elsewhere", "isms.yaml")); ok {
		t.Error("a file outside the project is relevant")
	}
}

// An output directory inside a tree is still never watched.
func TestFilterOutputInsideTree(t *testing.T) {
	dir := t.TempDir()
	f, err := NewFilter(dir, filepath.Join(dir, "assets", "site"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Relevant(filepath.Join(dir, "assets", "site", "html", "index.html")); ok {
		t.Error("the output is relevant")
	}
	if f.WatchDir(filepath.Join(dir, "assets", "site")) {
		t.Error("the output directory is watched")
	}
	if !f.WatchDir(filepath.Join(dir, "assets", "img")) {
		t.Error("assets/img is not watched")
	}
}

func TestFilterWatchDir(t *testing.T) {
	dir := t.TempDir()
	f, err := NewFilter(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{
		".":                      true,
		"templates":              true,
		"templates/partials":     true,
		"themes/default/html":    true,
		"assets":                 true,
		"out":                    false,
		"out/html":               false,
		"releases":               false,
		".git":                   false,
		"node_modules":           false,
		"templates/.ismsforge-x": false,
	} {
		if got := f.WatchDir(filepath.Join(dir, filepath.FromSlash(rel))); got != want {
			t.Errorf("WatchDir(%s) = %v, want %v", rel, got, want)
		}
	}
}
