package pdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
)

// The structure tree is most of a tagged PDF: one small dictionary for each
// paragraph, cell and link, tens of thousands in a pack, which made the
// update as large as the document it tags. The update writer puts these
// objects into compressed object streams (ISO 32000-1, 7.5.7) and lists
// them in a cross-reference stream that its classic cross-reference
// section points at with /XRefStm: a hybrid-reference section (7.5.8.4).
// Readers of PDF 1.5 and later find every object; the objects that the
// pack merger and older readers look for (annotations, catalog, outline,
// names, metadata) stay in the classic section.

// objStreamSize is how many objects one object stream holds: a viewer
// inflates a whole stream to read one element of it.
const objStreamSize = 256

// objPacker collects objects into object streams.
type objPacker struct {
	alloc  func() int
	write  func(id int, dict string, stream []byte) // an uncompressed object
	header []byte                                   // "id offset ..." of the stream being filled
	body   []byte
	ids    []int // of the stream being filled
	// entries are every packed object: its number, its stream and its
	// index in the stream.
	entries []packed
}

type packed struct{ id, stream, index int }

// add puts object id, whose body is b, into the current stream.
func (p *objPacker) add(id int, b []byte) {
	if len(p.ids) == objStreamSize {
		p.flush()
	}
	p.header = strconv.AppendInt(p.header, int64(id), 10)
	p.header = append(p.header, ' ')
	p.header = strconv.AppendInt(p.header, int64(len(p.body)), 10)
	p.header = append(p.header, ' ')
	p.body = append(p.body, b...)
	p.body = append(p.body, '\n')
	p.ids = append(p.ids, id)
}

// flush writes the current stream.
func (p *objPacker) flush() {
	if len(p.ids) == 0 {
		return
	}
	id := p.alloc()
	for i, o := range p.ids {
		p.entries = append(p.entries, packed{o, id, i})
	}
	first := len(p.header)
	data := append(p.header, p.body...)
	p.write(id, "/Type /ObjStm /N "+strconv.Itoa(len(p.ids))+" /First "+strconv.Itoa(first), data)
	p.header, p.body, p.ids = data[:0], p.body[:0], p.ids[:0]
}

// xrefStream returns the dictionary entries and the data of the
// cross-reference stream for the packed objects, size being the section's
// /Size: type 2 entries, one subsection for each run of numbers.
func (p *objPacker) xrefStream(size int) (string, []byte) {
	es := p.entries
	slices.SortFunc(es, func(a, b packed) int { return a.id - b.id })
	var index []byte
	data := make([]byte, 0, 7*len(es))
	for i := 0; i < len(es); {
		j := i
		for j+1 < len(es) && es[j+1].id == es[j].id+1 {
			j++
		}
		if len(index) > 0 {
			index = append(index, ' ')
		}
		index = strconv.AppendInt(index, int64(es[i].id), 10)
		index = append(index, ' ')
		index = strconv.AppendInt(index, int64(j-i+1), 10)
		for _, e := range es[i : j+1] {
			data = append(data, 2)
			data = binary.BigEndian.AppendUint32(data, uint32(e.stream))
			data = binary.BigEndian.AppendUint16(data, uint16(e.index))
		}
		i = j + 1
	}
	return "/Type /XRef /Size " + strconv.Itoa(size) + " /W [1 4 2] /Index [" + string(index) + "]", data
}

// plainObject writes object id, whose body is a direct value, into out.
func plainObject(out *bytes.Buffer, id int, body string) {
	out.WriteString(strconv.Itoa(id))
	out.WriteString(" 0 obj\n")
	out.WriteString(body)
	out.WriteString("\nendobj\n")
}

// streamObject writes object id with dict and its stream compressed by c
// into out.
func streamObject(out *bytes.Buffer, c *compressor, id int, dict string, stream []byte) {
	z := c.zlib(stream)
	out.WriteString(strconv.Itoa(id))
	out.WriteString(" 0 obj\n<< /Length ")
	out.WriteString(strconv.Itoa(len(z)))
	out.WriteString(" /Filter /FlateDecode")
	if dict != "" {
		out.WriteString(" ")
		out.WriteString(dict)
	}
	out.WriteString(" >>\nstream\n")
	out.Write(z)
	out.WriteString("\nendstream\nendobj\n")
}
