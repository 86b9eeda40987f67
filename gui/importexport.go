package gui

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

const (
	exportConnPrefix   = "Connection: "
	exportClientPrefix = "OAuth client: "
)

// importExport is File › Import… and File › Export…: an export file holds
// names, IDs and endpoints, never a secret; an import asks for each secret
// it needs.
type importExport struct{ *view.Context }

// exportChoice is the export dialog: which items to write.
type exportChoice struct {
	*kit.Modal
	items *widget.CheckGroup
}

// exportDialog asks which connections and OAuth clients to export, then
// where to write the file.
func (x *importExport) exportDialog() {
	x.choose(func(names []string) {
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				x.Dialogs.Fail("Export failed", err)
				return
			}
			if w == nil {
				return // cancelled
			}
			defer w.Close()
			if err := x.exportTo(w, names); err != nil {
				x.Dialogs.Fail("Export failed", err)
				return
			}
			x.Status("Exported to " + w.URI().Path() + " (no secrets or tokens).")
		}, x.Dialogs.Window())
		save.SetFileName("zoomconn-export.json")
		save.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
		save.Show()
	})
}

// choose asks which items to export, then runs next with their names.
func (x *importExport) choose(next func(names []string)) *exportChoice {
	var opts []string
	for _, c := range x.Session.Data().Connections {
		opts = append(opts, exportConnPrefix+c.Name)
	}
	for _, c := range x.Session.Data().Clients {
		opts = append(opts, exportClientPrefix+c.Name)
	}
	if len(opts) == 0 {
		x.Dialogs.Info("Nothing to export", "There are no connections or OAuth clients yet.")
		return nil
	}
	check := widget.NewCheckGroup(opts, nil)
	check.SetSelected(opts)
	ec := &exportChoice{items: check}
	ec.Modal = x.Dialogs.Show("Export", "Choose what to export. The file holds names, IDs and endpoints only: never a secret or a token, so it is safe to share. A connection brings along the OAuth client it uses.",
		scrollUpTo(check, 300),
		kit.Action{Label: "Cancel"},
		kit.Action{Label: "Export…", Importance: widget.HighImportance, Fn: func() {
			var names []string
			for _, s := range check.Selected {
				names = append(names, strings.TrimPrefix(strings.TrimPrefix(s, exportConnPrefix), exportClientPrefix))
			}
			if len(names) == 0 {
				return
			}
			next(names)
		}})
	ec.Modal.Resize(fyne.NewSize(600, 460))
	return ec
}

// scrollUpTo scrolls content vertically, showing all of it up to height:
// in a dialog's VBox a bare scroll gets only its minimum height (one line).
func scrollUpTo(content fyne.CanvasObject, height float32) *container.Scroll {
	s := container.NewVScroll(content)
	m := content.MinSize()
	s.SetMinSize(fyne.NewSize(m.Width, min(m.Height, height)))
	return s
}

// exportTo writes the named items (all if none) as an export file.
func (x *importExport) exportTo(w io.Writer, names []string) error {
	d, err := x.Session.Store().Load()
	if err != nil {
		return err
	}
	raw, err := store.Export(d, names)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// importDialog picks a file and shows what it will add.
func (x *importExport) importDialog() {
	if x.Session.ReadOnly() {
		return
	}
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			x.Dialogs.Fail("Import failed", err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		raw, err := io.ReadAll(io.LimitReader(r, store.MaxImportBytes+1))
		if err != nil {
			x.Dialogs.Fail("Import failed", err)
			return
		}
		x.importData(raw)
	}, x.Dialogs.Window())
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Show()
}

// importReview is the dialog that shows what an import adds and asks for
// each missing secret.
type importReview struct {
	*kit.Modal
	plan *store.ImportPlan
	// hosts warns about the hosts outside Zoom that the items' secrets
	// and tokens would be sent to (Plan.CustomHosts); nil when there are
	// none. It comes before anything is asked.
	hosts *widget.Label
	// trust ("I trust these hosts") is under hosts: Import stays disabled
	// until it is ticked. nil when there are no such hosts.
	trust        *widget.Check
	secrets      []*kit.FormEntry // one per Plan.Needed, masked
	importButton *widget.Button
	errorLine    *widget.Label // why nothing was imported; hidden until then
	busy         bool          // an import is running
}

// trusted reports whether the import may run: no hosts outside Zoom, or
// the user ticked that they trust them.
func (ir *importReview) trusted() bool { return ir.trust == nil || ir.trust.Checked }

// enableImport enables Import only once the hosts outside Zoom, if any,
// are trusted, and while no import runs.
func (ir *importReview) enableImport() {
	if ir.importButton == nil {
		return
	}
	if ir.trusted() && !ir.busy {
		ir.importButton.Enable()
	} else {
		ir.importButton.Disable()
	}
}

// importData checks an export file and, if it is acceptable, shows what it
// will add with an entry for each secret. A refused file changes nothing.
func (x *importExport) importData(raw []byte) *importReview {
	d, err := x.Session.Store().Load()
	if err == nil {
		var plan *store.ImportPlan
		if plan, err = store.PlanImport(d, raw); err == nil {
			return x.review(plan)
		}
	}
	x.Dialogs.Fail("Nothing was imported", err)
	return nil
}

// customHostsText is the warning about hosts outside Zoom's presets.
func customHostsText(hosts []string) string {
	return "Hosts outside Zoom: these items' client secrets and tokens will be sent to the hosts below (each item only to its own). Import only if you trust them.\n• " +
		strings.Join(hosts, "\n• ")
}

// review shows what plan adds, asks for each secret it needs and imports.
func (x *importExport) review(plan *store.ImportPlan) *importReview {
	ir := &importReview{plan: plan}
	list := widget.NewLabel("• " + strings.Join(plan.Summary(), "\n• "))
	list.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(kit.WithWidth(560, list))
	if plan.NeedsHostConsent() {
		ir.hosts = widget.NewLabel(customHostsText(plan.CustomHosts))
		ir.hosts.Importance = widget.WarningImportance
		ir.hosts.Wrapping = fyne.TextWrapWord
		ir.hosts.Selectable = true
		icon := widget.NewIcon(theme.WarningIcon())
		box.Add(widget.NewSeparator())
		box.Add(container.NewBorder(nil, nil, container.NewVBox(icon), nil, kit.WithWidth(520, ir.hosts)))
		ir.trust = widget.NewCheck("I trust these hosts", func(bool) { ir.enableImport() })
		box.Add(ir.trust)
	}
	if len(plan.Needed) > 0 {
		box.Add(widget.NewSeparator())
		box.Add(widget.NewLabel(x.Session.WhereSecretsGo("The file holds no secrets. Type each one (it goes to the system keyring):")))
		grid := container.New(layout.NewFormLayout())
		for _, n := range plan.Needed {
			e := kit.NewSecretEntry("Client secret")
			ir.secrets = append(ir.secrets, e)
			l := widget.NewLabel(n.Label)
			l.Wrapping = fyne.TextWrapWord
			grid.Add(kit.WithWidth(260, l))
			grid.Add(e)
		}
		box.Add(grid)
	}
	errLabel := kit.DangerLabel()
	ir.errorLine = errLabel
	box.Add(errLabel)
	run := func() {
		if ir.busy {
			return
		}
		if !ir.trusted() {
			kit.ShowMsg(errLabel, "Tick \"I trust these hosts\" to import; nothing was imported.")
			return
		}
		errLabel.Hide()
		secrets := make([]string, len(ir.secrets))
		for i, e := range ir.secrets {
			secrets[i] = e.Text
		}
		ir.busy = true
		ir.enableImport()
		store := x.Session.Store()
		x.Jobs.Run(func() {
			err := store.Import(plan, secrets)
			x.Jobs.Do(func() {
				ir.busy = false
				ir.enableImport()
				if err != nil {
					kit.ShowMsg(errLabel, view.ErrorText(err))
					return
				}
				for _, e := range ir.secrets {
					e.SetText("")
				}
				ir.Hide()
				x.Reload()
				x.Status(fmt.Sprintf("Imported %d connections and %d OAuth clients. OAuth 2.0 connections need authorization.", len(plan.Connections), len(plan.Clients)))
			})
		})
	}
	ir.Modal = x.Dialogs.Show("Import", "This import adds:", scrollUpTo(box, 380),
		kit.Action{Label: "Cancel", Fn: func() {
			for _, e := range ir.secrets {
				e.SetText("")
			}
		}},
		kit.Action{Label: "Import", Importance: widget.HighImportance, Fn: run, KeepOpen: true})
	ir.importButton = ir.Modal.Button("Import")
	ir.enableImport()
	for _, e := range ir.secrets {
		e.OnSubmitted = func(string) { run() }
		e.OnEscape = ir.Hide
	}
	ir.Modal.Resize(fyne.NewSize(640, 480))
	return ir
}
