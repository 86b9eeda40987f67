// Package kit is the window's widget kit: what a desktop user expects of a
// form, a list and a dialog that Fyne does not give by itself. It owns the
// form widgets and their keyboard (FormEntry, Choice, FormButton,
// FormCheck, FormSelect, made by Keys: Esc cancels, Enter submits, Tab
// scrolls into view), the buttons of the other windows that pass on the
// window's keys (Button), the lists over filtered rows (RowList, KeyList,
// Columns with their draggable edges, FitLabel), the compact and fixed-width layouts, the label
// helpers, the dialogs (Modal, Dialogs), the jobs that run off the UI
// goroutine (Jobs, with fyne.Do at its one boundary), the tickers and the
// URL opener that reaps what it starts.
//
// It knows nothing of zoomconn: no connection, no store, no Zoom, no other
// package of the window (the architecture test checks); its only zoomconn
// import is the drawing of the lock icon in assets.
package kit
