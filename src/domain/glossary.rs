//! The glossary of DOMAIN.md as types: every closed list of values the tool knows, with its code
//! (used in the CLI, the database and JSON) and its Italian name (used in tables and the report).
//! Parsing accepts the code or the Italian name, case-, accent- and punctuation-insensitively,
//! and refuses anything else with the list of valid values.

use crate::error::{usage, Failure};
use crate::text::{closest, fold, folds_to};

/// A closed list of values with a code and an Italian label.
pub trait Term: Sized + Copy + PartialEq + 'static {
    /// What the list is called in messages ("axis", "status" …), in the run's language.
    fn what() -> String;
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
    /// Other words people write for a value, already folded (see [`fold`]).
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }

    /// Finds the value that `input` names, by code, Italian name or alias.
    fn find(input: &str) -> Option<Self> {
        let wanted = fold(input);
        if wanted.is_empty() {
            return None;
        }
        Self::ALL.iter().copied().find(|value| {
            folds_to(value.code(), &wanted)
                || folds_to(value.label(), &wanted)
                || value.aliases().contains(&wanted.as_str())
        })
    }

    /// Like [`Term::find`], but an unknown value is a usage error that lists the valid ones,
    /// with a hint when one of them is close to what was written ("competenz").
    fn parse(input: &str) -> Result<Self, Failure> {
        Self::find(input).ok_or_else(|| {
            let failure = usage(crate::t!(
                "domain-unknown-term",
                what = Self::what(),
                input = input,
                valid = Self::valid_codes()
            ));
            match Self::nearest(input) {
                Some(value) => failure.hint(crate::t!("domain-did-you-mean", value = value.code())),
                None => failure,
            }
        })
    }

    /// The value whose code or Italian name is closest to `input` (see [`closest`]), if any is
    /// close enough.
    fn nearest(input: &str) -> Option<Self> {
        let candidates = Self::ALL.iter().flat_map(|v| [v.code(), v.label()]);
        let word = closest(input, candidates)?;
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code() == word || v.label() == word)
    }

    fn valid_codes() -> String {
        Self::ALL
            .iter()
            .map(|v| v.code())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

macro_rules! term {
    ($(#[$meta:meta])* $name:ident, $what:expr, [$($variant:ident => ($code:literal, $label:literal $(, [$($alias:literal),*])?)),+ $(,)?]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl Term for $name {
            fn what() -> String {
                $what
            }
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($alias),*)?]),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}

term!(
    /// The six axes of the Agenda.
    Axis, crate::t!("domain-what-axis"), [
        Semplificazione => ("semplificazione", "Semplificazione", ["simplification"]),
        Promozione => ("promozione", "Promozione", ["promotion"]),
        Competenze => ("competenze", "Competenze", ["skills", "digital skills"]),
        NuoviServizi => ("nuovi-servizi", "Nuovi servizi", ["new services"]),
        Infrastrutture => ("infrastrutture", "Infrastrutture e piattaforme trasversali",
            ["infrastrutture e piattaforme", "piattaforme trasversali", "infrastructure", "infrastructures",
             "infrastructures and cross cutting platforms"]),
        Governance => ("governance", "Governance"),
    ]
);

impl Axis {
    /// What the axis is about, from the seed text of the process.
    pub fn description(self) -> &'static str {
        match self {
            Axis::Semplificazione => "Migliorare e snellire le procedure, facilitare gli accessi, rendere più veloci le ricerche e avvicinare i servizi digitali a tutti, anche alle persone meno esperte.",
            Axis::Promozione => "Far conoscere i servizi digitali esistenti a tutte le tipologie di utenti, attraverso i diversi canali disponibili, per diffondere una più matura cultura digitale.",
            Axis::Competenze => "Fornire ai cittadini le competenze e le conoscenze necessarie per utilizzare al meglio i servizi digitali e migliorare le capacità di supporto del personale dell'amministrazione.",
            Axis::NuoviServizi => "Rispondere ai bisogni dei cittadini con nuovi servizi digitali più efficienti, semplici, inclusivi.",
            Axis::Infrastrutture => "Creare le infrastrutture abilitanti per uno sviluppo digitale il più possibile pervasivo ed efficace.",
            Axis::Governance => "Un processo di gestione collaborativo per facilitare lo scambio di dati e buone pratiche, integrare soluzioni e condividere una visione di futuro.",
        }
    }
}

term!(
    /// Where a project card stands.
    CardStatus, crate::t!("domain-what-status"), [
        InCorso => ("in-corso", "in corso", ["in progress", "avviata", "avviato"]),
        Programmata => ("programmata", "programmata, non avviata", ["programmata non avviata", "scheduled", "programmato"]),
        BreveTermine => ("breve-termine", "a breve termine", ["short term"]),
        Pianificata => ("pianificata", "pianificata nel triennio", ["planned", "pianificato"]),
        Conclusa => ("conclusa", "conclusa", ["concluso", "completed", "completata", "completato"]),
        Sospesa => ("sospesa", "sospesa", ["sospeso", "suspended"]),
    ]
);

term!(
    /// Who sent a suggestion.
    Stakeholder, crate::t!("domain-what-stakeholder-type"), [
        Cittadino => ("cittadino", "cittadino", ["cittadina", "cittadini", "citizen", "privato", "privato cittadino", "residente", "persona fisica"]),
        Impresa => ("impresa", "impresa", ["azienda", "imprese", "company", "business", "ditta", "societa", "professionista", "libero professionista", "commerciante"]),
        Associazione => ("associazione", "associazione", ["associazioni", "association", "onlus", "odv", "aps", "terzo settore", "ets", "cooperativa", "comitato", "sindacato"]),
        Ente => ("ente", "ente pubblico", ["ente pubblico", "enti", "pubblica amministrazione", "pa", "comune", "scuola", "istituto", "universita", "public body", "public authority", "regione", "asl"]),
        Altro => ("altro", "altro", ["other", "altri"]),
    ]
);

impl Stakeholder {
    /// Maps what people write in a "Tipologia soggetto" cell to the glossary, `altro` when
    /// unknown. Names of specific bodies ("Comune di Vaiano", "Scuola media Mazzei") are
    /// recognised by their first word.
    pub fn from_source(value: &str) -> Stakeholder {
        if let Some(found) = Stakeholder::find(value) {
            return found;
        }
        let folded = fold(value);
        let first = folded.split(' ').next().unwrap_or("");
        match first {
            "comune" | "scuola" | "istituto" | "universita" | "ente" | "regione" | "provincia"
            | "asl" | "liceo" | "biblioteca" => Stakeholder::Ente,
            "associazione" | "cooperativa" | "comitato" | "fondazione" => Stakeholder::Associazione,
            "azienda" | "impresa" | "ditta" | "studio" => Stakeholder::Impresa,
            "cittadino" | "cittadina" => Stakeholder::Cittadino,
            _ => Stakeholder::Altro,
        }
    }
}

term!(
    /// How a suggestion reached the office.
    Channel, crate::t!("domain-what-channel"), [
        Piattaforma => ("piattaforma", "piattaforma online", ["partecipo", "decidim", "platform", "online"]),
        Modulo => ("modulo", "modulo", ["modulo web", "modulo online", "form", "web form", "questionario"]),
        Email => ("email", "e-mail", ["e mail", "posta elettronica", "pec", "mail"]),
        Incontro => ("incontro", "incontro pubblico", ["incontro pubblico", "assemblea", "meeting", "workshop", "laboratorio"]),
        Altro => ("altro", "altro", ["other", "telefono", "sportello"]),
    ]
);

term!(
    /// The administration's response to a suggestion.
    Outcome, crate::t!("domain-what-outcome"), [
        Accolto => ("accolto", "accolto", ["accepted", "accolta"]),
        ParzialmenteAccolto => ("parzialmente-accolto", "parzialmente accolto", ["partially accepted", "parzialmente accolta"]),
        GiaPrevisto => ("gia-previsto", "già previsto", ["already planned", "gia prevista", "gia in corso"]),
        NonAccolto => ("non-accolto", "non accolto", ["rejected", "respinto", "non accolta"]),
        NonPertinente => ("non-pertinente", "non pertinente", ["not relevant", "fuori tema"]),
        Duplicato => ("duplicato", "duplicato", ["duplicate", "doppione"]),
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_by_code_name_and_sloppy_spelling() {
        assert_eq!(Axis::find("nuovi-servizi"), Some(Axis::NuoviServizi));
        assert_eq!(Axis::find("Nuovi servizi"), Some(Axis::NuoviServizi));
        assert_eq!(
            Axis::find("INFRASTRUTTURE E PIATTAFORME TRASVERSALI"),
            Some(Axis::Infrastrutture)
        );
        assert_eq!(Axis::find("Mobilità"), None);
        let err = Axis::parse("mobilita").unwrap_err();
        assert!(err.message.contains("semplificazione, promozione"));
    }

    #[test]
    fn an_unknown_value_close_to_a_valid_one_gets_a_hint() {
        let err = Axis::parse("competenz").unwrap_err();
        assert_eq!(
            err.message,
            "unknown axis \"competenz\"; valid values: semplificazione, promozione, competenze, nuovi-servizi, infrastrutture, governance"
        );
        assert_eq!(err.hint.as_deref(), Some("did you mean \"competenze\"?"));
        let err = Axis::parse("mobilita").unwrap_err();
        assert_eq!(err.hint, None);
        // A label close to what was written suggests the value's code.
        let err = Axis::parse("Nuovi srvizi").unwrap_err();
        assert_eq!(err.hint.as_deref(), Some("did you mean \"nuovi-servizi\"?"));
        let err = Outcome::parse("acolto").unwrap_err();
        assert!(err.message.starts_with("unknown outcome \"acolto\""));
        assert_eq!(err.hint.as_deref(), Some("did you mean \"accolto\"?"));
        let err = Stakeholder::parse("xyz").unwrap_err();
        assert!(err.message.starts_with("unknown stakeholder type \"xyz\""));
    }

    #[test]
    fn status_by_italian_name() {
        assert_eq!(
            CardStatus::find("Programmata, non avviata"),
            Some(CardStatus::Programmata)
        );
        assert_eq!(
            CardStatus::find("A breve termine"),
            Some(CardStatus::BreveTermine)
        );
        assert_eq!(CardStatus::find("IN CORSO"), Some(CardStatus::InCorso));
    }

    #[test]
    fn stakeholders_as_people_write_them() {
        assert_eq!(
            Stakeholder::from_source("Cittadina"),
            Stakeholder::Cittadino
        );
        assert_eq!(Stakeholder::from_source("Azienda"), Stakeholder::Impresa);
        assert_eq!(Stakeholder::from_source("Ente pubblico"), Stakeholder::Ente);
        assert_eq!(
            Stakeholder::from_source("Comune di Vaiano"),
            Stakeholder::Ente
        );
        assert_eq!(Stakeholder::from_source("Scuola"), Stakeholder::Ente);
        assert_eq!(
            Stakeholder::from_source("Associazione culturale Il Ponte"),
            Stakeholder::Associazione
        );
        assert_eq!(Stakeholder::from_source("boh"), Stakeholder::Altro);
        assert_eq!(Stakeholder::from_source(""), Stakeholder::Altro);
    }

    #[test]
    fn outcome_with_accent() {
        assert_eq!(Outcome::find("Già previsto"), Some(Outcome::GiaPrevisto));
        assert_eq!(Outcome::find("gia-previsto"), Some(Outcome::GiaPrevisto));
    }
}
