// In the runtime-dispatch build ggml has no CPU backend until one is loaded, and
// ggml_backend_load_all looks in the executable's folder (node.exe's, electron.exe's) and the
// current one, never the addon's. The addon's module init (scripts/whisperPatch.mjs adds the call)
// loads them from the folder index.node is in: ggml scores each ggml-cpu-<level> DLL against this
// CPU and keeps the best. The file it kept is returned, so the app can say which level runs.
#include <string>
#include "ggml-backend.h"
#ifdef _WIN32
#include <windows.h>
#endif

/** The UTF-8 path of the module (DLL) containing `address`, or "" if unknown. */
static std::string moduleFile(const void * address) {
#ifdef _WIN32
    HMODULE module = nullptr;
    const DWORD flags = GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (!GetModuleHandleExW(flags, static_cast<LPCWSTR>(address), &module)) return "";
    wchar_t wide[32768];
    const DWORD n = GetModuleFileNameW(module, wide, 32768);
    if (n == 0 || n >= 32768) return "";
    const int bytes = WideCharToMultiByte(CP_UTF8, 0, wide, n, nullptr, 0, nullptr, nullptr);
    std::string path(bytes, '\0');
    WideCharToMultiByte(CP_UTF8, 0, wide, n, path.data(), bytes, nullptr, nullptr);
    return path;
#else
    (void) address;
    return "";
#endif
}

static std::string folderOf(const std::string & path) {
    const size_t slash = path.find_last_of("\\/");
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::string transcriptor_load_backends() {
    const std::string addon = moduleFile(reinterpret_cast<const void *>(&transcriptor_load_backends));
    ggml_backend_load_all_from_path(addon.empty() ? nullptr : folderOf(addon).c_str());
    ggml_backend_reg_t cpu = ggml_backend_reg_by_name("CPU");
    if (!cpu) return "";
    void * features = ggml_backend_reg_get_proc_address(cpu, "ggml_backend_get_features");
    const std::string file = features ? moduleFile(features) : "";
    const size_t slash = file.find_last_of("\\/");
    return slash == std::string::npos ? file : file.substr(slash + 1);
}
