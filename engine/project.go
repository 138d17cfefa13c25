package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/customize"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/gaps"
	"github.com/ismsforge/ismsforge/engine/source"
	"github.com/ismsforge/ismsforge/engine/theme"
	"github.com/ismsforge/ismsforge/engine/tmpl"
	"github.com/ismsforge/ismsforge/engine/version"
	"github.com/ismsforge/ismsforge/templates"
	"github.com/ismsforge/ismsforge/themes"
)

// Project is everything a build reads, loaded and checked: the facts, the
// layered templates and theme, and the lock.
type Project struct {
	Dir   string
	Cat   *catalog.Catalog
	Facts *facts.Facts
	Set   *source.Set
	Lib   *tmpl.Library
	Theme *theme.Theme
	Lock  *version.Lock
	// Date is the pack date.
	Date facts.Date
}

// LoadOptions configure Load.
type LoadOptions struct {
	// Date is used when the facts carry no release date.
	Date facts.Date
	// Library replaces the built-in templates (the embedded library), for
	// tests and for consultants who bring a library of their own.
	Library fs.FS
	// Cache, in watch mode, carries the facts and parsed templates of the
	// previous load: unchanged files are not parsed again.
	Cache *Cache
}

// Load reads a project.
func Load(dir string, o LoadOptions) (*Project, error) {
	cat := catalog.Default()
	f, err := loadFacts(dir, cat, o.Cache)
	if err != nil {
		return nil, err
	}
	lock, err := version.Load(dir)
	if err != nil {
		return nil, err
	}
	date := PackDate(f.ReleaseDate(), o.Date, lock.LastRelease())
	if date.IsZero() {
		return nil, f.Errorf("release", "add \"release: {date: YYYY-MM-DD}\" to isms.yaml, or set SOURCE_DATE_EPOCH; ismsforge never reads the clock, so that the same facts give the same pack", "the pack has no date")
	}
	library := o.Library
	if library == nil {
		library = templates.FS
	}
	set, err := source.Open(dir, f.Output.Theme, library, themes.FS)
	if err != nil {
		var ut *source.UnknownThemeError
		if errors.As(err, &ut) {
			return nil, f.Errorf("output.theme", "use \"default\" or add the theme under themes/ in the project", "%v", err)
		}
		return nil, err
	}
	p := &Project{Dir: dir, Cat: cat, Facts: f, Set: set, Date: date}
	if p.Theme, err = theme.Load(set); err != nil {
		set.Close()
		return nil, err
	}
	files, err := set.Templates()
	if err != nil {
		set.Close()
		return nil, fmt.Errorf("templates: %w", err)
	}
	var prev *tmpl.Library
	if o.Cache != nil {
		prev = o.Cache.lib
	}
	if p.Lib, err = tmpl.ParseWith(files, cat, prev); err != nil {
		set.Close()
		return nil, err
	}
	if o.Cache != nil {
		o.Cache.lib = p.Lib
	}
	p.Lock = lock
	return p, nil
}

// PackDate is the date of the working draft: the facts' release.date, or
// the fallback (SOURCE_DATE_EPOCH) when the facts give none, but never a
// date before the last release, so that a draft made after a release is
// never dated before it (documents whose text depends on the date would
// otherwise differ from the release they were just released as). Zero when
// nothing gives a date.
func PackDate(release, fallback, lastRelease facts.Date) facts.Date {
	date := release
	if date.IsZero() {
		date = fallback
	}
	if date.IsZero() || date.Before(lastRelease) {
		date = lastRelease
	}
	return date
}

// Close releases the project directory.
func (p *Project) Close() error { return p.Set.Close() }

// loadFacts parses isms.yaml, or takes the facts parsed from the same bytes
// from the cache.
func loadFacts(dir string, cat *catalog.Catalog, c *Cache) (*facts.Facts, error) {
	if c == nil {
		return facts.Load(dir, cat)
	}
	path := filepath.Join(dir, facts.FileName)
	src, err := facts.ReadFile(path)
	if err != nil {
		return facts.Load(dir, cat) // reports the problem the usual way
	}
	if c.facts != nil && bytes.Equal(src, c.factsSrc) {
		return c.facts, nil
	}
	f, err := facts.Parse(path, src, cat)
	if err != nil {
		return nil, err
	}
	c.facts, c.factsSrc = f, src
	return f, nil
}

// Gaps loads the project in dir and lists its open work at the pack's date.
func Gaps(dir string, o LoadOptions) (gaps.Report, error) {
	p, err := Load(dir, o)
	if err != nil {
		return gaps.Report{}, err
	}
	defer p.Close()
	return gaps.List(p.Facts, p.Cat, p.Date), nil
}

// Templates loads the project in dir and describes its document templates,
// built-in and its own, in register order.
func Templates(dir string, o LoadOptions) ([]customize.Entry, error) {
	p, err := Load(dir, o)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	selected, _, err := p.Lib.Select(p.Facts, p.Cat)
	if err != nil {
		return nil, err
	}
	return customize.List(p.Set, p.Lib, selected), nil
}

// EjectTemplates copies built-in templates, by document ID or partial path,
// into the project in dir for editing; see customize.EjectTemplates.
func EjectTemplates(dir string, names []string, o LoadOptions, eo customize.Options) (customize.Result, error) {
	p, err := Load(dir, o)
	if err != nil {
		return customize.Result{}, err
	}
	defer p.Close()
	return customize.EjectTemplates(p.Set, p.Lib, names, eo)
}

// EjectTheme copies the project's built-in theme into its themes/ directory
// for editing.
func EjectTheme(dir string, o LoadOptions) (customize.Result, error) {
	p, err := Load(dir, o)
	if err != nil {
		return customize.Result{}, err
	}
	defer p.Close()
	return customize.EjectTheme(p.Set)
}
