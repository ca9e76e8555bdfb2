; BranchDesk NSIS include: the installer never touches the data folder
; (%APPDATA%\BranchDesk), so an uninstall or upgrade cannot lose records.
!macro customUnInstall
  DetailPrint "保留数据目录 $APPDATA\BranchDesk"
!macroend
