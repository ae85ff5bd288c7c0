// Saves and exports write through the one atomic-write module the CLI's `-o`
// uses too (engine/node/atomic-write.ts: random exclusive temp file in the same
// folder, fsync of file and folder, symlinks followed, mode kept, read-only
// files refused unless asked, writes to one path in order). It is Node-only
// file code, not engine code; it is reached through the package's own
// "./node/atomic-write" export, and the packaged app includes that one file.
export { ReadOnlyError, writeFileAtomic, type AtomicWriteOptions } from 'gradscope/node/atomic-write';
