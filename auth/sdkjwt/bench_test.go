package sdkjwt

import (
	"testing"
	"time"
)

func BenchmarkSignMeeting(b *testing.B) {
	role := 1
	m := Meeting{SDKKey: "abcSDKkey123", MeetingNumber: 98765432101, Role: &role, IssuedAt: time.Unix(1700000000, 0)}
	for b.Loop() {
		if _, _, err := SignMeeting(m, []byte("s3cr3t-sdk-secret")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	now := time.Unix(1700000060, 0)
	for b.Loop() {
		if _, err := Decode(videoVector, now); err != nil {
			b.Fatal(err)
		}
	}
}
