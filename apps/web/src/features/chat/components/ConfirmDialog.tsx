import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui';

/** A calm yes/no question; Escape or "Keep it" closes it, focus returns where it was. */
export function ConfirmDialog({
  title,
  body,
  confirm,
  isOpen,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  isOpen: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(o) => !o && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{title}</Heading>
          <p>{body}</p>
          <div className="actions">
            <Button variant="danger" onPress={onConfirm}>
              {confirm}
            </Button>
            <Button onPress={onClose} autoFocus>
              {t('common.keep')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
