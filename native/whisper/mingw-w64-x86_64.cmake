# Cross-compiling the Windows x64 addon on Linux with mingw-w64 (scripts/whisper-native.mjs
# --target win32-x64). The posix thread model: whisper.cpp uses std::thread and std::mutex.
# The C++ runtime, libgcc and winpthread are linked in, so no mingw DLL has to ship beside it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_DLLTOOL x86_64-w64-mingw32-dlltool)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# mingw's ld exports every symbol of a DLL without explicit exports (ggml's case); --exclude-libs
# keeps the static runtime's out, else two DLLs both export e.g. _Unwind_Resume and collide.
set(RUNTIME_LIBS "libgcc.a:libgcc_eh.a:libstdc++.a:libwinpthread.a:libpthread.a")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -Wl,--exclude-libs,${RUNTIME_LIBS}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static -Wl,--exclude-libs,${RUNTIME_LIBS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
