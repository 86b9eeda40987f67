/* A test-only stand-in for Windows' bcryptprimitives.dll, for Wine 8.0,
 * which lacks it: Go 1.26's runtime takes its random bytes from
 * ProcessPrng there and aborts at start without it. scripts/test-windows.sh
 * builds it with mingw and puts it in the throwaway Wine prefix only; it is
 * never part of the MSI or zip (Windows 10 and later ship the real DLL). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
