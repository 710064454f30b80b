//! The Fluent files are compiled into the binary by `fluent_templates::static_loader!`, which
//! cargo does not know to watch: a new language or a new file in `locales/` would otherwise leave
//! an incremental build with the old texts. Watching the directory (cargo scans it whole) makes
//! any change there rebuild this crate.

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");
}
