// sqlx::migrate! embeds migrations/ at compile time, but on stable Rust
// cargo does not know the macro read that directory: without this, a new
// migration file is left out until some source file changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
