package tmpl

import (
	"bytes"
	"errors"
	"sync"
)

// A shared partial derives values from the facts that many documents need
// (short tool names, the management forum, the sites in scope). Called with
// {{template}}, it would run again for every document; called with
// {{ $x := shared "partials/name.md" }}, it runs once per build, on a dict
// holding the facts under "ctx", and every caller gets its own copy of the
// dict it filled.
//
// A shared partial sees no document: .ctx.Doc is empty, and printing a
// version is an error, since versions differ from one pass of the build to
// the next. Documents it looks up or links to count as looked up by every
// caller. It must write no text, which would be lost.

// sharedRun is the outcome of one shared partial, computed once per model.
type sharedRun struct {
	once sync.Once
	val  map[string]any
	refs []string
	err  error
}

// sharedRun returns the model's run of the named partial.
func (m *Model) sharedRun(name string) *sharedRun {
	m.sharedMu.Lock()
	defer m.sharedMu.Unlock()
	if m.shared == nil {
		m.shared = map[string]*sharedRun{}
	}
	r := m.shared[name]
	if r == nil {
		r = &sharedRun{}
		m.shared[name] = r
	}
	return r
}

// shared is the template function.
func (e *execution) shared(name string) (map[string]any, error) {
	if e.lib.partials.Lookup(name) == nil {
		return nil, errHint("name a file under templates/partials/, such as \"partials/common-profile.md\"", "unknown partial %q", name)
	}
	r := e.model.sharedRun(name)
	r.once.Do(func() { r.val, r.refs, r.err = e.lib.runShared(e, name) })
	if r.err != nil {
		return nil, r.err
	}
	for _, id := range r.refs {
		e.ref(id)
	}
	return copyValue(r.val).(map[string]any), nil
}

// errSharedOutput and errSharedVersion explain what a shared partial may not
// do.
var (
	errSharedOutput  = errors.New("writes text, which shared discards")
	errSharedVersion = errors.New("prints a version or status, which differs between the passes of a build")
)

// runShared executes the partial for the model of caller, with the
// caller's limits and context.
func (l *Library) runShared(caller *execution, name string) (map[string]any, []string, error) {
	m := caller.model
	e := &execution{ctx: caller.ctx, model: m, lib: l, versions: nil, refs: map[string]bool{}, lim: caller.lim}
	tt, err := l.partials.Clone()
	if err != nil {
		return nil, nil, err
	}
	built, domain, guards := e.funcs(l.base, l.partialsCalled)
	tt = tt.Funcs(built).Funcs(domain).Funcs(guards)
	d := m.data
	d.Custom = copyValue(m.data.Custom).(map[string]any)
	d.Doc = DocRef{e: e}
	d.Pack = PackRef{Date: m.Date, e: e}
	dot := map[string]any{"ctx": d}
	w := &limitWriter{max: caller.lim.MaxOutput}
	if err := tt.ExecuteTemplate(w, name, dot); err != nil {
		return nil, nil, asDiag(err, l.files)
	}
	var why error
	switch {
	case len(bytes.TrimSpace(w.buf.Bytes())) > 0:
		why = errSharedOutput
	case e.usesVersions:
		why = errSharedVersion
	}
	if why != nil {
		return nil, nil, errHint("call it with {{ template }} instead, or move that part out of it", "shared partial %q %v", name, why)
	}
	delete(dot, "ctx")
	refs := make([]string, 0, len(e.refs))
	for id := range e.refs {
		refs = append(refs, id)
	}
	return dot, refs, nil
}
