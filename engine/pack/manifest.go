package pack

import (
	"encoding/json"
)

// ManifestName is the manifest's path in the output directory.
const ManifestName = "manifest.json"

// Manifest describes a pack: what it is, which documents it holds and the
// hash of every file, so that anyone can verify it.
type Manifest struct {
	Generator string      `json:"generator"`
	Pack      PackInfo    `json:"pack"`
	Documents []DocEntry  `json:"documents"`
	Files     []FileEntry `json:"files"`
	// Formats name the output format that made each file, by path; they
	// are written into the file entries.
	Formats map[string]string `json:"-"`
}

// PackInfo identifies the pack.
type PackInfo struct {
	Organization string `json:"organization"`
	Version      string `json:"version"`
	Date         string `json:"date"`
	Draft        bool   `json:"draft"`
}

// DocEntry is one document of the manifest.
type DocEntry struct {
	ID       string   `json:"id"`
	Ref      string   `json:"ref"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind"`
	Version  string   `json:"version"`
	Status   string   `json:"status"`
	Hash     string   `json:"hash"`
	Clauses  []string `json:"clauses"`
	Controls []string `json:"controls"`
	// Frameworks are the document's requirements of frameworks other than
	// Annex A, by framework ID.
	Frameworks map[string][]string `json:"frameworks,omitempty"`
	Files      []string            `json:"files"`
}

// FileEntry is the hash of one output file.
type FileEntry struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
	// Format is the output format that made the file ("html", "pdf");
	// empty for the marker and the files a release adds.
	Format string `json:"format,omitempty"`
}

// Entry is the manifest's entry for a file.
func (m *Manifest) Entry(path string, data []byte) FileEntry {
	return FileEntry{Path: path, SHA256: Sum(data), Bytes: len(data), Format: m.Formats[path]}
}

// AddManifest adds the output marker, hashes every file and adds
// manifest.json to fs.
func AddManifest(fs *Files, m Manifest) error {
	fs.Add(MarkerName, markerText)
	m.Files = m.Files[:0]
	for _, f := range fs.All() {
		if f.Path == ManifestName {
			continue
		}
		if w, ok := fs.WrittenAs(f.Path); ok {
			m.Files = append(m.Files, FileEntry{Path: f.Path, SHA256: w.SHA256, Bytes: w.Bytes, Format: m.Formats[f.Path]})
			continue
		}
		m.Files = append(m.Files, m.Entry(f.Path, f.Data))
	}
	for i := range m.Documents {
		if m.Documents[i].Clauses == nil {
			m.Documents[i].Clauses = []string{}
		}
		if m.Documents[i].Controls == nil {
			m.Documents[i].Controls = []string{}
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	fs.Add(ManifestName, append(b, '\n'))
	return nil
}
