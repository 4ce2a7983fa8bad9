// index.node imports N-API from "node.exe" (CMakeLists.txt makes the import library from
// node-api-headers' node_api.def), delay-loaded. The functions live in whichever executable loaded
// the addon: node.exe, or electron.exe run as Node (the app's worker). When the first N-API call
// resolves, this hook hands the delay loader that executable instead of a file named node.exe.
#include <windows.h>
#include <delayimp.h>
#include <string.h>

static FARPROC WINAPI hostModule(unsigned notify, PDelayLoadInfo info) {
  if (notify != dliNotePreLoadLibrary || _stricmp(info->szDll, "node.exe") != 0) return NULL;
  return (FARPROC)GetModuleHandleW(NULL);
}

#ifdef _MSC_VER
const PfnDliHook __pfnDliNotifyHook2 = hostModule;
#else
PfnDliHook __pfnDliNotifyHook2 = hostModule;
#endif
