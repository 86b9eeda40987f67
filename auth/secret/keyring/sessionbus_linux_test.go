package keyring

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	dbus "github.com/godbus/dbus/v5"
)

func TestUnixSocketOfABusAddress(t *testing.T) {
	for _, tc := range []struct{ address, want string }{
		{"unix:path=/run/user/1000/bus", "/run/user/1000/bus"},
		{"unix:path=/tmp/dbus-x,guid=0123abcd", "/tmp/dbus-x"},
		{"unix:guid=0123abcd,abstract=/tmp/dbus-Ab12", "@/tmp/dbus-Ab12"},
		{"unix:path=/tmp/a%20b", "/tmp/a b"},
		{"unix:path=/tmp/first;unix:path=/tmp/second", "/tmp/first"},
		{"tcp:host=localhost,port=4000", ""},
		{"unix:tmpdir=/tmp", ""}, // a listening address, not one to dial
		{"autolaunch:", ""},
		{"", ""},
	} {
		got, err := unixSocket(tc.address)
		if tc.want == "" {
			if !errors.Is(err, errNoQuickAddress) {
				t.Errorf("unixSocket(%q) = %q, %v; want errNoQuickAddress", tc.address, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("unixSocket(%q) = %q, %v; want %q", tc.address, got, err, tc.want)
		}
	}
}

// fakeBus listens on a unix socket and answers one client's handshake with
// answer; if that is OK, it answers Hello as dbus-daemon does. It reports
// the handshake it read on the returned channel.
func fakeBus(t *testing.T, answer string) (address string, handshake <-chan string) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	got := make(chan string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(c)
		// The client's null byte, its AUTH line and its BEGIN, at once.
		var hs strings.Builder
		for !strings.HasSuffix(hs.String(), "BEGIN\r\n") && hs.Len() < 200 {
			b, err := r.ReadByte()
			if err != nil {
				break
			}
			hs.WriteByte(b)
		}
		got <- hs.String()
		if _, err := c.Write([]byte(answer)); err != nil || !strings.HasPrefix(answer, "OK ") {
			return
		}
		hello, err := dbus.DecodeMessage(r)
		if err != nil {
			return
		}
		reply := &dbus.Message{
			Type: dbus.TypeMethodReply,
			Headers: map[dbus.HeaderField]dbus.Variant{
				dbus.FieldReplySerial: dbus.MakeVariant(hello.Serial()),
				dbus.FieldSender:      dbus.MakeVariant("org.freedesktop.DBus"),
				dbus.FieldDestination: dbus.MakeVariant(":1.42"),
				dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(":1.42")),
			},
			Body: []any{":1.42"},
		}
		_ = reply.EncodeTo(c, binary.LittleEndian)
		_, _ = r.ReadByte() // until the client closes
	}()
	return "unix:path=" + dbus.EscapeBusAddressValue(sock) + ",guid=0123", got
}

// The handshake goes out in one write (null byte, AUTH EXTERNAL with the
// user's id in hex, BEGIN) and takes the bus's one answer; Hello follows.
func TestSessionBusHandshakeIsOneRoundTrip(t *testing.T) {
	address, handshake := fakeBus(t, "OK 0123456789abcdef0123456789abcdef\r\n")
	conn, err := dialSessionBus(address)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	want := "\x00AUTH EXTERNAL " + hex.EncodeToString([]byte(strconv.Itoa(os.Geteuid()))) + "\r\nBEGIN\r\n"
	if got := <-handshake; got != want {
		t.Fatalf("handshake %q, want %q", got, want)
	}
	if names := conn.Names(); len(names) == 0 || names[0] != ":1.42" {
		t.Fatalf("after Hello the connection is named %v, want :1.42", names)
	}
}

// A bus that refuses EXTERNAL makes the quick connection fail, so that
// go-keyring's own negotiation is used instead.
func TestSessionBusRefusingExternal(t *testing.T) {
	address, handshake := fakeBus(t, "REJECTED DBUS_COOKIE_SHA1\r\n")
	done := make(chan error, 1)
	go func() {
		conn, err := dialSessionBus(address)
		if err == nil {
			conn.Close()
		}
		done <- err
	}()
	<-handshake
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("connected to a bus that refused EXTERNAL")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer within 10 s")
	}
}

// On the real session bus, the quick connection works and carries calls.
func TestSessionBusQuickConnection(t *testing.T) {
	realKeyring(t)
	address := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if _, err := unixSocket(address); err != nil {
		t.Skipf("session bus at %q: %v", address, err)
	}
	conn, err := dialSessionBus(address)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var owner string
	if err := conn.BusObject().Call("org.freedesktop.DBus.GetNameOwner", 0, secretsBusName).Store(&owner); err != nil || owner == "" {
		t.Fatalf("GetNameOwner(%s) = %q, %v", secretsBusName, owner, err)
	}
}
