package gui

import (
	"encoding/json"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"zoomconn/gui/kit"
	"zoomconn/internal/atomicfile"
)

// layoutFileName is the file, beside the connections file, where the
// window remembers its layout between starts.
//
// Not Fyne's preferences: Fyne rewrites its preferences file in place
// (truncate, then write) on every change and once more when the app
// stops, while a watcher of its own reads the file back on every change
// in its directory. The two race, and a terminal that started the app
// read "Fyne error: Preferences load error: EOF" on quit, sometimes at
// start. This file is replaced atomically, and Run stops Fyne's write on
// quit: Fyne writes its file only when its own file dialogs (Import,
// Export) remember a folder, on the UI goroutine, where its watcher's
// reads wait their turn.
const layoutFileName = "window.json"

// remembered is what the window remembers: its size, where the split
// between the two lists is, and the widths the user dragged the lists'
// columns to (0 for a column not dragged).
type remembered struct {
	Width   float32              `json:"width,omitempty"`
	Height  float32              `json:"height,omitempty"`
	Split   float64              `json:"split,omitempty"`
	Columns map[string][]float32 `json:"columns,omitempty"`
}

// The lists' names in layout.Columns.
const (
	connectionsColumns = "connections"
	clientsColumns     = "oauth_clients"
	sdkColumns         = "sdk_credentials"
)

func (u *mainWindow) layoutPath() string {
	return filepath.Join(u.sess.Store().Dir(), layoutFileName)
}

// loadLayout reads the remembered layout; what the file does not say
// comes from Fyne's preferences, where an earlier version kept the size
// and the split, else from the defaults.
func (u *mainWindow) loadLayout() remembered {
	var l remembered
	if b, err := os.ReadFile(u.layoutPath()); err == nil {
		_ = json.Unmarshal(b, &l) // a damaged file is the defaults
	}
	p := u.app.Preferences()
	if l.Width <= 0 || l.Height <= 0 {
		l.Width = float32(p.FloatWithFallback(prefWidth, float64(defaultSize.Width)))
		l.Height = float32(p.FloatWithFallback(prefHeight, float64(defaultSize.Height)))
	}
	if l.Split <= 0 || l.Split >= 1 {
		l.Split = p.FloatWithFallback(prefSplit, defaultSplit)
	}
	return l
}

// restoreSize gives the window its remembered size.
func (u *mainWindow) restoreSize() {
	l := u.loadLayout()
	u.win.Resize(fyne.NewSize(max(l.Width, 640), max(l.Height, 420)))
}

// restoreColumns gives the lists the column widths the user dragged.
func (u *mainWindow) restoreColumns() {
	l := u.loadLayout()
	dragged := func(c *kit.Columns, name string) {
		if ws := l.Columns[name]; len(ws) == len(c.Widths) {
			c.Dragged = ws
		}
	}
	dragged(u.conns.cols, connectionsColumns)
	dragged(u.clients.cols, clientsColumns)
	dragged(u.sdks.cols, sdkColumns)
}

// saveLayout remembers the window's size, where the split between the
// two lists is and the columns' dragged widths. It keeps what it cannot
// measure (a window already closed has no size).
func (u *mainWindow) saveLayout() {
	l := u.loadLayout()
	if u.split != nil {
		l.Split = u.split.Offset
	}
	if s := u.win.Canvas().Size(); s.Width >= 100 && s.Height >= 100 {
		l.Width, l.Height = s.Width, s.Height
	}
	l.Columns = map[string][]float32{}
	for name, c := range map[string]*kit.Columns{connectionsColumns: u.conns.cols, clientsColumns: u.clients.cols, sdkColumns: u.sdks.cols} {
		for _, w := range c.Dragged {
			if w > 0 {
				l.Columns[name] = c.Dragged
				break
			}
		}
	}
	b, err := json.Marshal(l)
	if err == nil {
		err = atomicfile.Write(u.layoutPath(), b)
	}
	if err != nil {
		u.setStatus("The window's size could not be remembered: " + err.Error())
	}
}
