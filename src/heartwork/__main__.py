from heartwork.cli import main

raise SystemExit(main())
