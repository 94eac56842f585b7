//! Extraction errors (E003): a file that is text but not a plan.

use crate::source::Bilingual;

/// A part of a plan extraction looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPart {
    /// The kind line (`KẾ HOẠCH`).
    Kind,
    /// The symbol line (`Số: …/KH-…`).
    Symbol,
    /// The place-and-date line.
    PlaceDate,
    /// Legal bases (`Căn cứ …`).
    Bases,
    /// Numbered sections (`I. MỤC TIÊU`, `II. NHIỆM VỤ`…).
    Sections,
    /// A task table.
    Tasks,
    /// A signature block.
    Signature,
}

impl PlanPart {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            PlanPart::Kind => ("tên loại văn bản (KẾ HOẠCH)", "the document kind (KẾ HOẠCH)"),
            PlanPart::Symbol => ("số, ký hiệu (Số: …/KH-…)", "the number and symbol (Số: …/KH-…)"),
            PlanPart::PlaceDate => ("địa danh, ngày tháng năm", "the place-and-date line"),
            PlanPart::Bases => ("căn cứ ban hành (Căn cứ …)", "the legal bases (Căn cứ …)"),
            PlanPart::Sections => {
                ("các mục có đánh số (I. MỤC TIÊU, II. NHIỆM VỤ…)", "numbered sections (I. MỤC TIÊU, II. NHIỆM VỤ…)")
            }
            PlanPart::Tasks => ("bảng nhiệm vụ", "a task table"),
            PlanPart::Signature => ("chữ ký (TM. …, chức vụ, họ tên)", "a signature block (TM. …, position, name)"),
        }
    }
}

/// A file that is readable text but not a plan (E003).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The file has no text at all.
    #[error("the file is empty")]
    Empty,
    /// Too few of the parts every plan has were found.
    #[error("this does not look like a plan: no {}", .missing.iter().map(|p| p.names().1).collect::<Vec<_>>().join(", no "))]
    NotAPlan {
        /// The parts not found.
        missing: Vec<PlanPart>,
    },
}

impl ExtractError {
    /// The stable diagnostic code.
    pub fn code(&self) -> &'static str {
        "E003"
    }

    /// The kebab-case name of the code.
    pub fn name(&self) -> &'static str {
        "not-a-plan"
    }

    /// What is wrong, in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            ExtractError::Empty => Bilingual::new("tệp rỗng, không có nội dung", "the file is empty"),
            ExtractError::NotAPlan { missing } => {
                let vi: Vec<&str> = missing.iter().map(|p| p.names().0).collect();
                let en: Vec<&str> = missing.iter().map(|p| p.names().1).collect();
                Bilingual::new(
                    format!("tệp không giống một kế hoạch: không thấy {}", vi.join(", ")),
                    format!("this does not look like a plan: found no {}", en.join(", no ")),
                )
            }
        }
    }

    /// How to fix it, in both languages.
    pub fn help(&self) -> Bilingual {
        match self {
            ExtractError::Empty => Bilingual::new(
                "kiểm tra lại tệp: có thể quá trình chuyển từ Word/PDF đã thất bại",
                "check the file: the conversion from Word/PDF may have failed",
            ),
            ExtractError::NotAPlan { .. } => Bilingual::new(
                "nếu đây đúng là kế hoạch, kiểm tra tệp có bị cắt mất phần đầu hoặc các mục không; nếu không, loại tệp này khỏi danh sách kiểm tra",
                "if this is a plan, check that its header and sections survived the conversion; otherwise leave the file out of the check",
            ),
        }
    }
}
