package tmpl

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// domainFuncs are the ISMS functions templates call. They close over one
// execution, which records the documents a template refers to and whether it
// depends on versions. The README documents each of them.
func domainFuncs(e *execution) map[string]any {
	return map[string]any{
		// Annex A and the SoA.
		"control":    e.control,
		"controls":   e.controls,
		"applicable": e.applicable,
		"themes":     e.themes,
		// Risks.
		"risks": e.risks,
		"risk":  e.risk,
		"level": e.level,
		// Documents.
		"doc":          e.docByID,
		"hasDoc":       e.hasDoc,
		"documents":    e.documents,
		"documentsFor": e.documentsFor,
		"link":         e.link,
		"linkAs":       e.linkAs,
		// People and roles.
		"person":    e.person,
		"role":      e.role,
		"hasRole":   e.hasRole,
		"holders":   e.holders,
		"roleTitle": e.roleTitle,
		"who":       e.who,
		"teamOf":    e.teamOf,
		"acceptor":  e.acceptor,
		"isTop":     e.isTop,
		"mailto":    mailto,
		// Scope, regimes and the standard.
		"inScope":        e.inScope,
		"hasRegime":      e.hasRegime,
		"regime":         e.regime,
		"clause":         e.clause,
		"clauses":        e.clauses,
		"items":          e.items,
		"custom":         e.custom,
		"scopeStatement": func() string { return e.model.Facts.ScopeStatement() },
		// How the organization works: plans, suppliers by function,
		// citations, classification levels, and facts a document needs.
		"plan":           e.plan,
		"hasPlan":        e.hasPlan,
		"record":         e.record,
		"suppliersFor":   e.suppliersFor,
		"supplierCycles": e.supplierCycles,
		"accessCycles":   e.accessCycles,
		"testCycle":      e.testCycle,
		"reviewCycle":    e.reviewCycle,
		"citations":      e.citations,
		"cite":           e.cite,
		"classLevel":     e.classLevel,
		"need":           e.need,
		"shared":         e.shared,
		// Writing helpers.
		"md":           func(s string) Markdown { return Markdown(s) },
		"sentence":     sentence,
		"alternatives": alternatives,
		"series":       series,
		"plural":       plural,
		"every":        every,
		"eachPeriod":   eachPeriod,
		"bullets":      bullets,
		"status":       statusLabel,
		"number":       number,
		"longDate":     e.longDate,
	}
}

func (e *execution) control(id string) (ControlView, error) {
	c, ok := e.model.Cat.Control(id)
	if !ok {
		return ControlView{}, errHint("controls run from A.5.1 to A.8.34; `ismsforge catalog` lists them", "unknown Annex A control %q", id)
	}
	return e.model.controls[e.model.ctrlIdx[c.ID]], nil
}

// controls returns the SoA rows of one theme, or all 93 without an argument.
func (e *execution) controls(theme ...string) ([]ControlView, error) {
	if len(theme) == 0 {
		return e.model.controls, nil
	}
	t := catalog.Theme(strings.ToLower(theme[0]))
	if !slices.Contains(catalog.Themes(), t) {
		return nil, errHint("use organizational, people, physical or technological", "unknown theme %q", theme[0])
	}
	var out []ControlView
	for _, c := range e.model.controls {
		if c.Theme == t {
			out = append(out, c)
		}
	}
	return out, nil
}

func (e *execution) applicable(id string) (bool, error) {
	c, err := e.control(id)
	return c.Applicable, err
}

// ThemeView groups the SoA rows of one theme.
type ThemeView struct {
	ID       catalog.Theme
	Title    string
	Section  string
	Controls []ControlView
}

func (e *execution) themes() []ThemeView {
	var out []ThemeView
	for _, t := range catalog.Themes() {
		cs, _ := e.controls(string(t))
		out = append(out, ThemeView{ID: t, Title: t.Title(), Section: t.Section(), Controls: cs})
	}
	return out
}

func (e *execution) risks() []RiskView { return e.model.risks }

func (e *execution) risk(id string) (RiskView, error) {
	for _, r := range e.model.risks {
		if r.ID == id {
			return r, nil
		}
	}
	return RiskView{}, errHint("define it under risks in isms.yaml", "unknown risk %q", id)
}

// level names a value on the likelihood or impact scale.
func (e *execution) level(scale string, v int) (string, error) {
	var levels []facts.Level
	switch scale {
	case "likelihood":
		levels = e.model.Facts.RiskMethod.Likelihood
	case "impact":
		levels = e.model.Facts.RiskMethod.Impact
	default:
		return "", errHint(`use "likelihood" or "impact"`, "unknown scale %q", scale)
	}
	if n := facts.LevelName(levels, v); n != "" {
		return n, nil
	}
	return "", fmt.Errorf("%d is not on the %s scale", v, scale)
}

func (e *execution) lookupDoc(id string) (*DocInfo, error) {
	if d, ok := e.model.Doc(id); ok {
		e.ref(id)
		return d, nil
	}
	var ids []string
	for _, d := range e.model.docs {
		ids = append(ids, d.ID)
	}
	return nil, errHint(suggestOr(id, ids, "the document may be left out by its `when` condition or by documents."+id+".omit"), "unknown document %q", id)
}

func (e *execution) docByID(id string) (DocRef, error) {
	d, err := e.lookupDoc(id)
	if err != nil {
		return DocRef{}, err
	}
	return e.docRef(d), nil
}

// hasDoc reports whether a document takes part in the pack, so that a
// template can link to an optional document only when it exists.
func (e *execution) hasDoc(id string) bool {
	_, ok := e.model.Doc(id)
	return ok
}

func (e *execution) documents() []DocRef {
	out := make([]DocRef, len(e.model.docs))
	for i, d := range e.model.docs {
		e.ref(d.ID)
		out[i] = e.docRef(d)
	}
	return out
}

// documentsFor returns the documents that implement a clause ("9.2") or a
// control ("A.5.15"). A clause matches its sub-clauses and items too.
func (e *execution) documentsFor(ref string) ([]DocRef, error) {
	var out []DocRef
	if c, ok := e.model.Cat.Control(ref); ok && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(ref)), "A") {
		for _, d := range e.model.docs {
			if slices.Contains(d.Controls(), c.ID) {
				e.ref(d.ID)
				out = append(out, e.docRef(d))
			}
		}
		return out, nil
	}
	id := catalog.NormalizeClauseID(ref)
	if !e.model.Cat.KnownClauseRef(id) {
		return nil, errHint("use a clause such as 9.2 or a control such as A.5.15", "unknown clause or control %q", ref)
	}
	for _, d := range e.model.docs {
		if slices.ContainsFunc(d.Clauses(), func(c string) bool { return c == id || strings.HasPrefix(c, id+".") || strings.HasPrefix(c, id+" ") }) {
			e.ref(d.ID)
			out = append(out, e.docRef(d))
		}
	}
	return out, nil
}

// link writes a Markdown link to another document: [Title](id.md). An
// anchor may follow the ID: "access-control#reviews".
func (e *execution) link(target string) (Markdown, error) {
	id, _, _ := strings.Cut(target, "#")
	d, err := e.lookupDoc(id)
	if err != nil {
		return "", err
	}
	return e.linkAs(target, d.Title)
}

func (e *execution) linkAs(target, text string) (Markdown, error) {
	id, frag, _ := strings.Cut(target, "#")
	if _, err := e.lookupDoc(id); err != nil {
		return "", err
	}
	dest := id + ".md"
	if frag != "" {
		if !safeFragment(frag) {
			return "", errHint("anchors are heading IDs: lower-case words joined by hyphens", "anchor %q cannot be part of a link", frag)
		}
		dest += "#" + frag
	}
	return Markdown("[" + escapeLinkText(text) + "](" + dest + ")"), nil
}

func (e *execution) person(id string) (facts.Person, error) {
	if p, ok := e.model.Facts.Person(id); ok {
		return p, nil
	}
	var ids []string
	for _, p := range e.model.Facts.People {
		ids = append(ids, p.ID)
	}
	return facts.Person{}, errHint(suggestOr(id, ids, "define the person under people"), "unknown person %q", id)
}

// role returns the person holding a role; it fails when nobody does, so a
// template that needs a DPO says so instead of printing a blank. Use hasRole
// to adapt the text instead.
func (e *execution) role(id string) (facts.Person, error) {
	if _, ok := e.model.Facts.Role(id); !ok {
		hint := fmt.Sprintf("define it under roles in isms.yaml and give it to someone, or make the text optional with {{ if hasRole %q }}", id)
		if h := e.roleHint(id); h != roleFallback {
			hint = h + " Otherwise " + hint
		}
		return facts.Person{}, errHint(hint, "unknown role %q", id)
	}
	hs := e.model.Facts.Holders(id)
	if len(hs) == 0 {
		return facts.Person{}, errHint(fmt.Sprintf("add %q to someone's roles in isms.yaml, or test {{ if hasRole %q }} in the template", id, id), "no person holds the role %q", id)
	}
	return hs[0], nil
}

func (e *execution) roleHint(id string) string {
	var ids []string
	for _, r := range facts.BuiltinRoles {
		ids = append(ids, r.ID)
	}
	for _, r := range e.model.Facts.Roles {
		ids = append(ids, r.ID)
	}
	return suggestOr(id, ids, roleFallback)
}

const roleFallback = "roles are built in (see the README) or defined under roles"

// hasRole reports whether someone holds a role. A role that this project
// does not define is held by nobody, so a template shared between
// organizations can ask about an optional role ("coo") that only some of
// them have.
func (e *execution) hasRole(id string) bool {
	return len(e.model.Facts.Holders(id)) > 0
}

func (e *execution) holders(id string) ([]facts.Person, error) {
	if _, ok := e.model.Facts.Role(id); !ok {
		return nil, errHint(e.roleHint(id), "unknown role %q", id)
	}
	return e.model.Facts.Holders(id), nil
}

func (e *execution) roleTitle(id string) (string, error) {
	r, ok := e.model.Facts.Role(id)
	if !ok {
		return "", errHint(e.roleHint(id), "unknown role %q", id)
	}
	return r.Title, nil
}

// who resolves a person ID or a role ID to a person.
func (e *execution) who(ref string) (facts.Person, error) {
	if p, ok := e.model.Facts.Resolve(ref); ok {
		return p, nil
	}
	return facts.Person{}, errHint("use a person id or a role someone holds", "%q is neither a person nor a held role", ref)
}

// teamOf names who does a person's work in a sentence: "Raj Patel's team"
// when the facts put the person in a team, else "Raj Patel", so that no
// document gives someone a team the facts never mention.
func (e *execution) teamOf(p facts.Person) string {
	if e.model.Facts.InTeam(p) {
		return p.Name + "'s team"
	}
	return p.Name
}

// acceptor names a person or role that acceptance rules reserve
// acceptances to, as it reads in a sentence ("top management").
func (e *execution) acceptor(ref string) string { return e.model.Facts.Acceptor(ref) }

// isTop reports whether a person or role ID is top management.
func (e *execution) isTop(ref string) bool { return e.model.Facts.IsTopManagement(ref) }

// inScope reports whether a location (by ID or name) or a service (by name)
// is inside the ISMS scope.
func (e *execution) inScope(what string) bool {
	f := e.model.Facts
	for _, l := range f.ScopeLocations() {
		if strings.EqualFold(l.ID, what) || strings.EqualFold(l.Name, what) || strings.EqualFold(l.Kind, what) {
			return true
		}
	}
	for _, s := range f.Scope.Services {
		if strings.EqualFold(s.Name, what) {
			return true
		}
	}
	return false
}

func (e *execution) hasRegime(id string) (bool, error) {
	if _, ok := e.model.Facts.Regime(e.model.Cat, id); !ok {
		return false, errHint(suggestOr(id, e.model.Cat.RegimeIDs(), "the README lists the known regimes; a project declares its own under regimes"), "unknown regime %q", id)
	}
	return e.model.Facts.HasRegime(id), nil
}

// regime returns a regime, built in or declared, with the organization's
// position under it when it applies.
func (e *execution) regime(id string) (RegimeView, error) {
	for _, r := range e.model.data.Regimes {
		if r.ID == id {
			return r, nil
		}
	}
	r, ok := e.model.Facts.Regime(e.model.Cat, id)
	if !ok {
		return RegimeView{}, errHint(suggestOr(id, e.model.Cat.RegimeIDs(), "the README lists the known regimes; a project declares its own under regimes"), "unknown regime %q", id)
	}
	return RegimeView{Regime: r}, nil
}

// plan returns the organization's plan of a kind, such as
// "incident-response". When the facts declare none, the document records
// that it needs one, so that check asks for it, and the template words
// around it.
func (e *execution) plan(kind string) *PlanView {
	for i, p := range e.model.data.Plans {
		if p.Kind == kind {
			return &e.model.data.Plans[i]
		}
	}
	e.need("plans", "a plan with kind: "+kind)
	return nil
}

// hasPlan reports whether the facts declare a plan of a kind, without
// asking for one.
func (e *execution) hasPlan(kind string) bool {
	_, ok := e.model.Facts.Plan(kind)
	return ok
}

// record refers to a record or plan of the library by its document ID,
// such as "business-impact-analysis": a link when the pack holds the
// document; else the name of the record or plan the facts declare for it
// (document: id), with where it is kept; else the text the template gives,
// and the reference is recorded as one to something that does not exist,
// which check reports as an error.
func (e *execution) record(id, text string) (Markdown, error) {
	if _, ok := e.model.Doc(id); ok {
		return e.link(id)
	}
	name, kept := "", ""
	for _, p := range e.model.Facts.Plans {
		if p.Document == id && name == "" {
			name, kept = p.Name, p.Kept
		}
	}
	for _, r := range e.model.Facts.Records {
		if r.Document == id && name == "" {
			name, kept = r.Name, r.Kept
		}
	}
	if name == "" {
		e.addNeed(Need{Key: "records", What: text, Record: id})
		return Markdown(escapeLinkText(text)), nil
	}
	if kept != "" {
		return Markdown(escapeLinkText(name) + " (kept in " + escapeLinkText(kept) + ")"), nil
	}
	return Markdown(escapeLinkText(name)), nil
}

// suppliersFor returns the suppliers that perform a function, such as
// "mdr", so that documents name them where they act.
func (e *execution) suppliersFor(function string) []SupplierView {
	var out []SupplierView
	for _, s := range e.model.data.Suppliers {
		if slices.Contains(s.Provides, function) {
			out = append(out, s)
		}
	}
	return out
}

// citations returns what calls for a control: the sections of the regimes
// that apply, and the facts' own requirements.
func (e *execution) citations(id string) ([]Requirement, error) {
	c, err := e.control(id)
	return c.Requirements, err
}

// cite writes the regime citations of a control as running text: "HIPAA
// 45 CFR 164.312(d) and PCI DSS 8.4", or "" when no regime cites it.
func (e *execution) cite(id string) (string, error) {
	c, err := e.control(id)
	if err != nil {
		return "", err
	}
	var out []string
	for _, r := range c.Requirements {
		if r.Regime != "" {
			out = append(out, r.String())
		}
	}
	return facts.Sentence(out), nil
}

// classLevel returns a level of the classification scheme by ID or name.
func (e *execution) classLevel(ref string) (facts.ClassLevel, error) {
	cl := e.model.Facts.Classification
	if l, ok := cl.Level(ref); ok {
		return l, nil
	}
	var ids []string
	for _, l := range cl.Levels {
		ids = append(ids, l.ID)
	}
	return facts.ClassLevel{}, errHint(suggestOr(ref, ids, "the levels are those under classification.levels in isms.yaml"), "unknown classification level %q", ref)
}

// need records that the document needs a fact the facts file lacks: key is
// where it goes in isms.yaml, what says what to add. check reports it as a
// warning; the template prints nothing in its place.
func (e *execution) need(key, what string) string {
	e.addNeed(Need{Key: key, What: what})
	return ""
}

// addNeed records n once, at the Markdown the document is writing.
func (e *execution) addNeed(n Need) {
	if slices.ContainsFunc(e.needs, func(o Need) bool { return o.Key == n.Key && o.What == n.What && o.Record == n.Record }) {
		return
	}
	if e.out != nil {
		n.At = e.out.buf.Len()
	}
	e.needs = append(e.needs, n)
}

func (e *execution) clause(id string) (catalog.Clause, error) {
	c, ok := e.model.Cat.Clause(catalog.NormalizeClauseID(id))
	if !ok {
		return c, errHint("clauses run from 4 to 10.2", "unknown clause %q", id)
	}
	return c, nil
}

func (e *execution) clauses() []catalog.Clause { return e.model.Cat.Clauses() }

func (e *execution) items() []catalog.Item { return e.model.Cat.Items() }

// custom looks up a free-form fact under `custom`, case-insensitively. A
// second argument is the default when the key is absent; without it, an
// absent key is an error.
func (e *execution) custom(key string, def ...any) (any, error) {
	for k, v := range e.model.Facts.Custom {
		if strings.EqualFold(k, key) {
			return v, nil
		}
	}
	if len(def) > 0 {
		return def[0], nil
	}
	return nil, errHint(fmt.Sprintf("add %q under custom in isms.yaml, or pass a default: custom %q \"...\"", key, key), "no custom fact %q", key)
}

// sentence joins items as "a, b and c".
func sentence(list any) (string, error) {
	items, err := strs(list)
	if err != nil {
		return "", err
	}
	return facts.Sentence(items), nil
}

// alternatives joins items as "a, b or c".
func alternatives(list any) (string, error) {
	items, err := strs(list)
	if err != nil {
		return "", err
	}
	return facts.Alternatives(items), nil
}

// series joins names that hold their own commas with semicolons.
func series(list any) (string, error) {
	items, err := strs(list)
	if err != nil {
		return "", err
	}
	return facts.Series(items), nil
}

// bullets writes a Markdown bullet list with each item escaped.
func bullets(list any) (Markdown, error) {
	items, err := strs(list)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, it := range items {
		b.WriteString("- ")
		b.WriteString(escapeItem(it))
		b.WriteByte('\n')
	}
	return Markdown(b.String()), nil
}

// strs turns a list of strings or printable values into strings.
func strs(list any) ([]string, error) {
	rv := reflect.ValueOf(list)
	if !rv.IsValid() {
		return nil, nil
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, fmt.Errorf("expected a list, got %T", list)
	}
	out := make([]string, 0, rv.Len())
	for i := range rv.Len() {
		s, _, err := printable(rv.Index(i).Interface())
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// plural picks the singular or plural word for n, which may be any integer
// (sprig's arithmetic returns int64).
func plural(n any, one, many string) (string, error) {
	v := reflect.ValueOf(n)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() == 1 {
			return one, nil
		}
		return many, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() == 1 {
			return one, nil
		}
		return many, nil
	}
	return "", fmt.Errorf("plural needs a number, got %T", n)
}

// longDate writes a date in full the way the organization's country does:
// "November 2, 2026" in the United States, "2 November 2026" elsewhere.
func (e *execution) longDate(d facts.Date) string { return e.model.Facts.LongDate(d) }

// number formats an integer with thousands separators: 1800 gives "1,800".
func number(n any) (string, error) {
	v := reflect.ValueOf(n)
	var x int64
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x = v.Int()
	default:
		return "", fmt.Errorf("number needs a whole number, got %T", n)
	}
	s := strconv.FormatInt(x, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s, nil
}

// every describes a period of months: "annually", "quarterly", "every 18
// months".
func every(months int) string {
	switch months {
	case 1:
		return "monthly"
	case 3:
		return "quarterly"
	case 6:
		return "every six months"
	case 12:
		return "annually"
	case 24:
		return "every two years"
	case 36:
		return "every three years"
	}
	return fmt.Sprintf("every %d months", months)
}

// accessCycles returns the access review cycles, in months, of the
// identity domains and the systems with a named reviewer, each once,
// shortest first. One without a cycle of its own is reviewed on
// deadlines.access_review, which also holds for every other system.
func (e *execution) accessCycles() []int {
	var out []int
	dflt := e.model.Facts.Deadlines.AccessReview
	add := func(m int) {
		if m == 0 {
			m = dflt
		}
		if m > 0 && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	for _, d := range e.model.Facts.Identity {
		add(d.AccessReviewMonths)
	}
	for _, a := range e.model.Facts.Assets {
		if a.AccessReviewer != "" {
			add(a.AccessReviewMonths)
		}
	}
	slices.Sort(out)
	return out
}

// testCycle returns the months between two tests of a kind that
// deadlines.tests sets, such as "restore". When the facts leave it out, the
// document records that it needs it, so that check asks for it, and the
// template words around it.
func (e *execution) testCycle(key string) (int, error) {
	n, ok := testNeed(key)
	if !ok {
		return 0, errHint("use "+facts.TestKeys(), "unknown kind of test %q", key)
	}
	return e.cycle(n, e.model.Facts.Deadlines.Tests.Months(key)), nil
}

// reviewCycle is testCycle for the recurring checks of deadlines.reviews,
// such as "inventory".
func (e *execution) reviewCycle(key string) (int, error) {
	n, ok := reviewNeed(key)
	if !ok {
		return 0, errHint("use "+facts.ReviewKeys(), "unknown kind of review %q", key)
	}
	return e.cycle(n, e.model.Facts.Deadlines.Reviews.Months(key)), nil
}

// cycle returns months, and records n when the facts leave them out.
func (e *execution) cycle(n Need, months int) int {
	if months == 0 {
		e.addNeed(n)
	}
	return months
}

// testNeed is what a document asks for when the facts leave out the cycle
// of a kind of test; ok is false for a key deadlines.tests does not have.
func testNeed(key string) (Need, bool) {
	what, example, ok := facts.TestKind(key)
	return cycleNeed("deadlines.tests."+key, what, example), ok
}

// reviewNeed is testNeed for deadlines.reviews.
func reviewNeed(key string) (Need, bool) {
	what, example, ok := facts.ReviewKind(key)
	return cycleNeed("deadlines.reviews."+key, what, example), ok
}

// cycleNeed asks for the months under key between two of what.
func cycleNeed(key, what string, example int) Need {
	return Need{Key: key, What: fmt.Sprintf("the months between two %s, such as %d", what, example)}
}

// eachPeriod says when the next of a recurring activity with a cycle of
// months falls, for a calendar: "Each quarter", "Each year".
func eachPeriod(months int) string {
	switch months {
	case 1:
		return "Each month"
	case 3:
		return "Each quarter"
	case 6:
		return "Each half-year"
	case 12:
		return "Each year"
	}
	return fmt.Sprintf("Within %d months of the last", months)
}

// supplierCycles writes the review cycle of each supplier tier the facts
// set: "critical and high-tier suppliers annually and medium-tier suppliers
// every two years"; "" when they set none.
func (e *execution) supplierCycles() string {
	var parts []string
	for _, c := range e.model.Facts.Deadlines.SupplierReview.Cycles() {
		parts = append(parts, facts.Sentence(c.Tiers)+"-tier suppliers "+every(c.Months))
	}
	return facts.Sentence(parts)
}

func suggestOr(word string, cands []string, fallback string) string {
	return diag.DidYouMean(word, cands, fallback)
}
