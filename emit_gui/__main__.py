from emit_gui.cli import main

raise SystemExit(main())
