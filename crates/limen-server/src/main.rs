//! `limen`: the single sign-on server and its administration commands.

mod admin_cli;
mod audit_cli;
mod cli;
mod config;
mod config_sms;
mod config_upstream;
mod saml_cli;
mod serve;
mod sms;
mod token;
mod upstream_cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            if let Some(cli::ExitWith(code)) = e.downcast_ref::<cli::ExitWith>() {
                return std::process::ExitCode::from(*code);
            }
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
