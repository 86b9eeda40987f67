package events

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/gui/kit"
)

// maxEvents is how many events the list keeps; older ones are dropped
// (and counted), so a long listen holds bounded memory.
const maxEvents = 1000

// entry is one event in the list.
type entry struct {
	key               // its listen and number in it (access.ForwardResult.Seq)
	at      time.Time // when it arrived
	raw     []byte    // as Zoom sent it
	line    string    // time, name and summary, cleaned
	fwd     string    // the last try of its forward, short, or ""
	fwdFull string    // that try in a sentence, with when
	fwdFail bool      // Zoom would count that try failed
}

// eventLog is the list of events: the last max, newest at the bottom,
// with what its forward did beside each; selecting one shows its JSON.
type eventLog struct {
	entries     []entry
	max         int
	dropped     int // events dropped from the top of the list
	run         int // the current listen, counted
	seq         int // events heard in it
	selected    key // the selected entry; zero for none
	list        *widget.List
	droppedLine *widget.Label
	onSelect    func(e entry) // an entry was selected, or its forward changed
}

func newEventLog(max int, onSelect func(entry)) *eventLog {
	l := &eventLog{max: max, onSelect: onSelect}
	l.droppedLine = kit.SmallText("")
	l.droppedLine.Hide()
	l.list = widget.NewList(func() int { return len(l.entries) },
		func() fyne.CanvasObject {
			fwd := widget.NewLabel("") // short: the event's line gives way
			return container.NewBorder(nil, nil, nil, fwd, kit.CellLabel())
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= len(l.entries) {
				return
			}
			e := l.entries[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*kit.FitLabel).SetText(e.line)
			fwd := c.Objects[1].(*widget.Label)
			fwd.Importance = widget.MediumImportance
			if e.fwdFail {
				fwd.Importance = widget.DangerImportance
			}
			fwd.SetText(e.fwd)
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(l.entries) {
			l.selected = l.entries[i].key
			l.onSelect(l.entries[i])
		}
	}
	return l
}

// key names an event: its listen and its number in it.
type key struct{ run, seq int }

// startRun numbers the events of a new listen from 1, as the core numbers
// their forwards; the list keeps what came before.
func (l *eventLog) startRun() {
	l.run++
	l.seq = 0
}

// add lists an event that arrived at at; the oldest goes when the list is
// full.
func (l *eventLog) add(raw []byte, at time.Time) {
	l.seq++
	line := at.Local().Format("15:04:05") + "  " + access.SummarizeEvent(raw).String()
	if len(l.entries) == l.max {
		copy(l.entries, l.entries[1:])
		l.entries = l.entries[:len(l.entries)-1]
		l.dropped++
		l.droppedLine.SetText(fmt.Sprintf("%s older events were dropped: the list keeps the last %s.", thousands(l.dropped), thousands(l.max)))
		l.droppedLine.Show()
	}
	l.entries = append(l.entries, entry{key: key{l.run, l.seq}, at: at, raw: raw, line: line})
	l.list.Refresh()
	switch i := l.indexOf(l.selected); {
	case l.selected == (key{}):
		l.list.ScrollToBottom()
	case i >= 0:
		l.list.Select(i) // the rows may have moved up under it
	default: // it was dropped
		l.selected = key{}
		l.list.UnselectAll()
	}
}

// forwarded shows what a try of the current listen's event seq did: short
// on its row, in a sentence with the selected event.
func (l *eventLog) forwarded(seq int, short, full string, failed bool) {
	if i := l.indexOf(key{l.run, seq}); i >= 0 {
		e := &l.entries[i]
		e.fwd, e.fwdFull, e.fwdFail = short, full, failed
		l.list.RefreshItem(i)
		if e.key == l.selected {
			l.onSelect(*e)
		}
	}
}

// indexOf is the index of the entry k, or -1; the newest are looked at
// first.
func (l *eventLog) indexOf(k key) int {
	for i := len(l.entries) - 1; i >= 0 && k.seq > 0; i-- {
		if l.entries[i].key == k {
			return i
		}
	}
	return -1
}

// thousands is n with its thousands separated by commas.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
