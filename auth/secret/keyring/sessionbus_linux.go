package keyring

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"

	dbus "github.com/godbus/dbus/v5"
	ss "github.com/zalando/go-keyring/secret_service"
)

// connectSecretService connects to the session bus for the Secret Service:
// through a handshake of one round trip where the bus address names a
// socket of this machine, else (or should that handshake fail) as
// go-keyring does. Its connection serves every call but unlock, which
// go-keyring's SecretService makes on the shared connection (see unlock).
func connectSecretService() (*ss.SecretService, error) {
	if conn, err := dialSessionBus(os.Getenv("DBUS_SESSION_BUS_ADDRESS")); err == nil {
		return &ss.SecretService{Conn: conn}, nil
	}
	return ss.NewSecretService()
}

// unlock asks the service to unlock an item or a collection, prompting if
// it must: go-keyring's SecretService.Unlock, on go-keyring's connection
// (the lock is the service's, not a connection's).
func unlock(path dbus.ObjectPath) error {
	svc, err := ss.NewSecretService()
	if err != nil {
		return err
	}
	return svc.Unlock(path)
}

// errNoQuickAddress: the bus address names no local socket to dial.
var errNoQuickAddress = errors.New("the session bus address names no unix socket")

// dialSessionBus connects to the bus at address, a unix socket's path or
// abstract name, authenticates with EXTERNAL (the kernel vouches for the
// user over a unix socket) in one round trip and says Hello. godbus
// (Conn.Auth) asks the bus for its mechanisms first, sends EXTERNAL's
// credentials when asked for them and negotiates fd passing: four round
// trips, each a wait for dbus-daemon, on every start of every command that
// reads a secret. The other address kinds (tcp, launchd, autolaunch) are
// left to go-keyring's connection.
func dialSessionBus(address string) (*dbus.Conn, error) {
	sock, err := unixSocket(address)
	if err != nil {
		return nil, err
	}
	c, err := net.Dial("unix", sock)
	if err != nil {
		return nil, err
	}
	uid := strconv.Itoa(os.Geteuid())
	conn, err := dbus.NewConn(&quickAuth{c: c, uid: uid})
	if err == nil {
		err = conn.Auth([]dbus.Auth{dbus.AuthExternal(uid)})
		if err == nil {
			err = conn.Hello()
		}
		if err != nil {
			_ = conn.Close()
		}
	} else {
		_ = c.Close()
	}
	if err != nil {
		return nil, err
	}
	return conn, nil
}

// unixSocket is the socket the first entry of a D-Bus address names
// ("unix:path=/run/user/1000/bus", "unix:abstract=/tmp/dbus-x,guid=..."),
// an abstract name prefixed with "@" as package net takes it.
func unixSocket(address string) (string, error) {
	entry, _, _ := strings.Cut(address, ";")
	params, ok := strings.CutPrefix(entry, "unix:")
	if !ok {
		return "", errNoQuickAddress
	}
	for _, kv := range strings.Split(params, ",") {
		k, v, _ := strings.Cut(kv, "=")
		v, err := dbus.UnescapeBusAddressValue(v)
		if err != nil || v == "" {
			continue
		}
		switch k {
		case "path":
			return v, nil
		case "abstract":
			return "@" + v, nil
		}
	}
	return "", errNoQuickAddress
}

// quickAuth is the socket as godbus's Conn.Auth sees it: the handshake
// godbus would make in four round trips goes out at once when it sends the
// handshake's leading null byte ("AUTH EXTERNAL <uid in hex>", then
// "BEGIN"), the bus answers once ("OK <guid>"), and godbus's own lines are
// answered from what is known: its "AUTH" (which mechanisms?) with
// "REJECTED EXTERNAL", its "AUTH EXTERNAL" with the bus's answer, and its
// "BEGIN" is already sent. After that, bytes pass through unchanged. The
// bus never sends before it has read a message, so nothing is read past
// its answer. A bus that refuses EXTERNAL answers something else than OK;
// godbus then fails (it has no other mechanism to try here) and the caller
// uses go-keyring's connection instead.
type quickAuth struct {
	c   net.Conn
	uid string

	sent     bool   // the handshake went out
	begun    bool   // godbus sent its BEGIN: bytes pass through
	answer   []byte // what godbus reads next during the handshake
	leftover []byte // bytes read past the bus's answer (none, with a bus that keeps the protocol)
}

func (q *quickAuth) Write(b []byte) (int, error) {
	if q.begun {
		return q.c.Write(b)
	}
	switch line := string(b); {
	case !q.sent && line == "\x00":
		hs := "\x00AUTH EXTERNAL " + hex.EncodeToString([]byte(q.uid)) + "\r\nBEGIN\r\n"
		if _, err := q.c.Write([]byte(hs)); err != nil {
			return 0, err
		}
		q.sent = true
	case q.sent && line == "AUTH\r\n":
		q.answer = []byte("REJECTED EXTERNAL\r\n")
	case q.sent && line == "AUTH EXTERNAL\r\n":
		answer, err := q.readLine()
		if err != nil {
			return 0, err
		}
		q.answer = answer
	case q.sent && line == "BEGIN\r\n":
		q.begun = true
	default:
		return 0, fmt.Errorf("dbus handshake: unexpected %q", strings.TrimSpace(line))
	}
	return len(b), nil
}

// readLine reads the bus's answer, one line, keeping any bytes after it.
func (q *quickAuth) readLine() ([]byte, error) {
	var got []byte
	buf := make([]byte, 128)
	for {
		n, err := q.c.Read(buf)
		got = append(got, buf[:n]...)
		if i := bytes.Index(got, []byte("\r\n")); i >= 0 {
			q.leftover = got[i+2:]
			return got[:i+2], nil
		}
		if err != nil {
			return nil, err
		}
		if len(got) > 4096 {
			return nil, errors.New("dbus handshake: answer too long")
		}
	}
}

func (q *quickAuth) Read(b []byte) (int, error) {
	switch {
	case len(q.answer) > 0:
		n := copy(b, q.answer)
		q.answer = q.answer[n:]
		return n, nil
	case !q.begun:
		return 0, io.ErrUnexpectedEOF // godbus reads only after a line it sent
	case len(q.leftover) > 0:
		n := copy(b, q.leftover)
		q.leftover = q.leftover[n:]
		return n, nil
	}
	return q.c.Read(b)
}

func (q *quickAuth) Close() error { return q.c.Close() }
