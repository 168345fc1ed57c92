from sovmigrate.cli import main

raise SystemExit(main())
