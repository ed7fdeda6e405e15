; Inno Setup 6 script for the Windows installer. Build the one-folder app first (see
; packaging/README.md), then:   iscc packaging\windows\emit-gui.iss
; Output: build\emit-gui-<version>-setup.exe. Per-user install, no administrator rights needed.

#define AppVersion GetEnv("EMIT_GUI_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1F3E52-8A4B-4C55-9E8C-3B1D7E0A9F21}
AppName=emit-gui
AppVersion={#AppVersion}
AppPublisher=emit-gui developers
DefaultDirName={localappdata}\Programs\emit-gui
DefaultGroupName=emit-gui
PrivilegesRequired=lowest
OutputDir=..\..\build
OutputBaseFilename=emit-gui-{#AppVersion}-setup
Compression=lzma2/ultra64
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesEnvironment=yes
SetupIconFile=..\..\build\emit-gui.ico
UninstallDisplayIcon={app}\emit-gui.exe
LicenseFile=..\..\build\font\LICENSE-NotoSansCJK.txt

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\..\build\dist\emit-gui\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\emit-gui"; Filename: "{app}\emit-gui.exe"; Parameters: "open"
Name: "{userdesktop}\emit-gui"; Filename: "{app}\emit-gui.exe"; Parameters: "open"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked
Name: "addtopath"; Description: "Put emit-gui on the PATH (command line)"

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
  ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Code]
function NeedsAddPath(Dir: string): boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
