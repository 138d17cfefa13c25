package tmpl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// VersionInfo is a document's version as the build determined it.
type VersionInfo struct {
	Version    string
	Status     string
	Effective  facts.Date
	NextReview facts.Date
}

// Versions gives templates the versions of documents and of the pack.
type Versions interface {
	Doc(id string) VersionInfo
	Pack() string
}

// Output is one executed document.
type Output struct {
	Template *Template
	Markdown []byte
	// Sum is the SHA-256 of Markdown, taken once where the output is made:
	// a build keys and versions documents by their Markdown, and watch
	// mode keeps outputs from build to build.
	Sum [32]byte
	// Map says which template text or action wrote each part of Markdown.
	Map document.BodyMap
	// UsesVersions reports whether the output printed or tested a version,
	// status or date of a document or of the pack. Such documents are
	// rendered twice: once with versions hidden, to compute the hash that
	// decides their own version, and once for real.
	UsesVersions bool
	// Refs lists, sorted, the documents the template linked to or looked up.
	Refs []string
	// Needs are the facts the document asked for and did not find; check
	// reports them.
	Needs []Need
}

// Need is a fact a document needs and the facts file lacks.
type Need struct {
	// Key is where the fact goes in isms.yaml, such as "plans" or
	// "technology.ticketing"; What says what to add there.
	Key  string
	What string
	// Record is set when the document refers to a record or plan of the
	// library by its ID (record "id") that is neither in the pack nor
	// declared in the facts: a reference to something that does not
	// exist, which check reports as an error.
	Record string
	// At is the offset of the Markdown the document was writing when it
	// asked: where the action that asked prints. Its body map turns it
	// into the template's line.
	At int
}

// Limits bound one execution, so that a runaway template stops with an error
// naming it instead of hanging the build or filling the disk.
type Limits struct {
	// MaxOutput is the largest Markdown a document may produce, in bytes.
	MaxOutput int
	// MaxIterations bounds the elements all range loops of one execution
	// may visit, counted across nested loops.
	MaxIterations int
	// MaxCalls bounds {{template}} calls, which catches runaway recursion.
	MaxCalls int
	// MaxBuilt bounds the bytes of text, lists and maps the functions of
	// one execution may build, printed or not; zero means DefaultMaxBuilt.
	MaxBuilt int
}

// DefaultLimits are generous for real documents: the SoA of 93 controls
// visits a few hundred elements and writes about 60 KB.
var DefaultLimits = Limits{MaxOutput: 8 << 20, MaxIterations: 1_000_000, MaxCalls: 100_000, MaxBuilt: DefaultMaxBuilt}

// Data is the value templates see as ".". Doc and Pack differ per document;
// everything else is shared.
type Data struct {
	Org           facts.Organization
	Scope         ScopeView
	People        []facts.Person
	Teams         []TeamView
	Parties       []facts.Party
	Objectives    []ObjectiveView
	Tech          facts.Technology
	Suppliers     []SupplierView
	Assets        []AssetView
	Regimes       []RegimeView
	RiskMethod    facts.RiskMethod
	Certification facts.Certification
	DocControl    facts.DocumentControl
	Custom        map[string]any
	Facts         *facts.Facts
	Doc           DocRef
	Pack          PackRef
	// The facts that describe how the organization works (views.go).
	Classification facts.Classification
	Identity       []IdentityView
	Plans          []PlanView
	Records        []RecordView
	Crypto         facts.Cryptography
	Travel         facts.Travel
	Deadlines      facts.Deadlines
	DataSubjects   []facts.DataSubject
	Jurisdictions  []JurisdictionView
	Services       []ServiceView
	Cycle          facts.Cycle
	Governance     facts.Governance
	Reporting      facts.Reporting
	// Nonconformities are the nonconformities the facts record.
	Nonconformities []NonconformityView
}

// DocRef is a document as seen from a template. Its version, status and
// dates are methods, so that the build knows which templates use them.
type DocRef struct {
	*DocInfo
	e *execution
}

// Version is the document's version: the released one, or the next one when
// the document is a draft.
func (d DocRef) Version() string { return d.version().Version }

// Status is "Approved" or "Draft".
func (d DocRef) Status() string { return d.version().Status }

// Effective is the date the document's version took effect.
func (d DocRef) Effective() facts.Date { return d.version().Effective }

// NextReview is the date the document is next due for review.
func (d DocRef) NextReview() facts.Date { return d.version().NextReview }

func (d DocRef) version() VersionInfo {
	if d.DocInfo == nil { // a shared partial, which has no document
		d.e.usesVersions = true
		return VersionInfo{}
	}
	return d.e.version(d.ID)
}

// PackRef is the pack as seen from a template.
type PackRef struct {
	Date facts.Date
	e    *execution
}

// Version is the pack version.
func (p PackRef) Version() string {
	if p.e.versions == nil {
		p.e.usesVersions = true
		return "0.0"
	}
	return p.e.versions.Pack()
}

// execution is the state of one template execution.
type execution struct {
	ctx          context.Context
	model        *Model
	lib          *Library
	doc          *DocInfo
	versions     Versions
	usesVersions bool
	refs         map[string]bool
	iterations   int
	calls        int
	lim          Limits
	needs        []Need
	// rec records where the output comes from; nil for a shared partial,
	// whose output is discarded.
	rec *recorder
	out *limitWriter
}

func (e *execution) version(id string) VersionInfo {
	e.ref(id)
	if e.versions == nil {
		e.usesVersions = true
		return VersionInfo{Version: "0.0", Status: "Draft"}
	}
	return e.versions.Doc(id)
}

func (e *execution) ref(id string) {
	if e.refs != nil {
		e.refs[id] = true
	}
}

func (e *execution) docRef(d *DocInfo) DocRef { return DocRef{DocInfo: d, e: e} }

var (
	errOutputLimit = errors.New("output limit exceeded")
)

// limitWriter stops a template that writes too much, and tells rec, when
// set, where each write came from.
type limitWriter struct {
	buf bytes.Buffer
	max int
	rec *recorder
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		return 0, errOutputLimit
	}
	if w.rec != nil {
		w.rec.wrote(w.buf.Len(), p)
	}
	return w.buf.Write(p)
}

// Render executes one document. With versions nil, versions are hidden: the
// output is the version-neutral text whose hash decides the document's own
// version.
func (l *Library) Render(ctx context.Context, m *Model, t *Template, versions Versions, lim Limits) (*Output, error) {
	if l.released {
		return nil, fmt.Errorf("render %s: the library was released after its build; load the project again", t.Meta.ID)
	}
	info, ok := m.Doc(t.Meta.ID)
	if !ok {
		return nil, fmt.Errorf("render %s: document is not part of the model", t.Meta.ID)
	}
	e := &execution{ctx: ctx, model: m, lib: l, doc: info, versions: versions, refs: map[string]bool{}, lim: lim}
	e.rec = &recorder{doc: t.sites, partials: l.sites, facts: m.data.Facts}
	tt, err := t.set.Clone()
	if err != nil {
		return nil, err
	}
	built, domain, guards := e.funcs(l.base, t.called)
	tt = tt.Funcs(built).Funcs(domain).Funcs(guards)
	d := m.data
	// Sprig's set and unset change maps in place: each execution gets its
	// own copy of the free-form facts, so that parallel executions never
	// share a map one of them may write.
	d.Custom = copyValue(m.data.Custom).(map[string]any)
	d.Doc = e.docRef(info)
	d.Pack = PackRef{Date: m.Date, e: e}
	w := &limitWriter{max: lim.MaxOutput, rec: e.rec}
	e.out = w
	if err := tt.ExecuteTemplate(w, docName(t.Meta.ID), d); err != nil {
		if errors.Is(err, errOutputLimit) {
			return nil, l.limitError(t, fmt.Sprintf("produced more than %d bytes of Markdown", lim.MaxOutput), "look for a range that never ends or a value repeated many times")
		}
		return nil, asDiag(err, l.files)
	}
	delete(e.refs, info.ID)
	refs := make([]string, 0, len(e.refs))
	for id := range e.refs {
		refs = append(refs, id)
	}
	slices.Sort(refs)
	md := w.buf.Bytes()
	return &Output{Template: t, Markdown: md, Sum: sha256.Sum256(md), Map: e.rec.spans, UsesVersions: e.usesVersions, Refs: refs, Needs: e.needs}, nil
}

// guardFuncs are the functions the rewrite inserts into every template.
func guardFuncs(e *execution) map[string]any {
	return map[string]any{
		fnEscape:    e.escaper(inLine),
		fnEscapeBOL: e.escaper(atLineStart),
		fnEscapeRow: e.escaper(inCell),
		fnRange:     e.guardRange,
		fnCall:      e.guardCall,
	}
}

// guardRange counts the elements a range is about to visit against the
// execution's budget, and checks for cancellation.
func (e *execution) guardRange(v any) (any, error) {
	if err := e.ctx.Err(); err != nil {
		return nil, err
	}
	n := 0
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
		n = rv.Len()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n = int(max(rv.Int(), 0))
	case reflect.Func, reflect.Chan:
		return nil, fmt.Errorf("range over a %s is not allowed in ismsforge templates; range over a list", rv.Kind())
	}
	e.iterations += n
	if e.iterations > e.lim.MaxIterations {
		return nil, errHint("look for a range over a huge number or nested loops over large lists", "range loops visited more than %d elements", e.lim.MaxIterations)
	}
	return v, nil
}

// guardCall counts {{template}} calls, so that unbounded recursion stops.
func (e *execution) guardCall(v ...any) (any, error) {
	if err := e.ctx.Err(); err != nil {
		return nil, err
	}
	e.calls++
	if e.calls > e.lim.MaxCalls {
		return nil, errHint("a partial probably includes itself", "more than %d template calls", e.lim.MaxCalls)
	}
	if len(v) == 0 {
		return nil, nil
	}
	return v[len(v)-1], nil
}

func (l *Library) limitError(t *Template, msg, hint string) error {
	return diag.Errorf(diag.Pos{File: t.File.Display, Line: t.bodyLine, Col: 1}, hint, "template %s stopped: it %s", t.File.Display, msg).WithSource(t.src).WithCode("template-limit")
}

// Hinted is an error from a template function that knows how to fix itself.
type Hinted interface {
	error
	Hint() string
}

// hintErr is an error from a template function, or a limit stop, that
// says how to fix itself.
type hintErr struct{ msg, hint string }

func (h *hintErr) Error() string { return h.msg }
func (h *hintErr) Hint() string  { return h.hint }

func errHint(hint, format string, args ...any) error {
	return &hintErr{msg: fmt.Sprintf(format, args...), hint: hint}
}

// copyValue copies the maps and lists of a decoded YAML value.
func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(x))
		for k, e := range x {
			c[k] = copyValue(e)
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = copyValue(e)
		}
		return c
	}
	return v
}
