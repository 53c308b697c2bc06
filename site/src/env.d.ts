// Types for Vite's import suffixes (`?raw`, `?worker&url`) and import.meta.glob in site code.
/// <reference types="vite/client" />
