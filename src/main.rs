fn main() -> std::process::ExitCode {
    agenda::run()
}
